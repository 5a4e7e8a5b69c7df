package io.cameltelemetry.common.state;

import java.net.InetAddress;

/** Names a replica by where it runs: the names the shared-state services and the runner's cluster settings default to. */
public final class ReplicaIds {

    private ReplicaIds() {
    }

    /**
     * The host name (a pod's name on Kubernetes: {@code HOSTNAME}) and the process id, e.g. {@code telemetry-7d9f-1234},
     * with characters other than letters, digits and {@code ._:@-} replaced by {@code _}: unique among live replicas.
     */
    public static String hostAndPid() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "localhost";
            }
        }
        return (host + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9._:@-]", "_");
    }
}
