package io.cameltelemetry.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cameltelemetry.common.state.ReplicaIds;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's cluster settings: with {@code telemetry.cluster.root} set, a camel-file {@link FileLockClusterService}
 * on that shared directory joins the context, so {@code master:} routes poll on one replica at a time and a follower
 * takes over when the leader dies (camel-main 4.18 has no properties of its own for it). {@code telemetry.cluster.id}
 * names the replica (default: host name and process id); {@code telemetry.cluster.acquireLockInterval} (ms, default
 * 1000) is how often the leader beats and a follower tries to take over; a follower takes over once the leader has not
 * beaten for {@code telemetry.cluster.heartbeatTimeoutMultiplier} (default 3) intervals: failover in about 4 to 6 s.
 */
final class ClusterSettings {

    static final String ROOT = "telemetry.cluster.root";
    static final String ID = "telemetry.cluster.id";
    static final String INTERVAL = "telemetry.cluster.acquireLockInterval";
    static final String MULTIPLIER = "telemetry.cluster.heartbeatTimeoutMultiplier";

    private ClusterSettings() {
    }

    /** Adds the file cluster service when {@code telemetry.cluster.root} is set; returns it, or null. */
    static FileLockClusterService install(CamelContext context) throws Exception {
        String root = context.getPropertiesComponent().resolveProperty(ROOT).orElse("").trim();
        if (root.isEmpty()) {
            return null;
        }
        Path dir = Path.of(root).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        String id = context.getPropertiesComponent().resolveProperty(ID).orElse("").trim();
        if (id.isEmpty()) {
            id = ReplicaIds.hostAndPid();
        }
        long millis = number(context, INTERVAL, "1000", 100);
        long multiplier = number(context, MULTIPLIER, "3", 2);
        FileLockClusterService service = new LoggingFileLockClusterService();
        service.setId(id);
        service.setRoot(dir.toString());
        service.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(millis, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier((int) Math.min(multiplier, 1000));
        context.addService(service);
        return service;
    }

    /**
     * Logs, at INFO, each change of who leads a namespace as this replica sees it: "Cluster: replica r1 now leads
     * dcs-bridge" (operators, and the cluster soak, read these lines to know which replica polls).
     */
    static final class LoggingFileLockClusterService extends FileLockClusterService {

        private static final Logger LOG = LoggerFactory.getLogger(ClusterSettings.class);
        private final Set<String> watched = ConcurrentHashMap.newKeySet();

        @Override
        public CamelClusterView getView(String namespace) throws Exception {
            CamelClusterView view = super.getView(namespace);
            if (watched.add(namespace)) {
                view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> {
                    if (leader != null && leader.isLocal()) {
                        LOG.info("Cluster: replica {} now leads {}", getId(), namespace);
                    } else {
                        LOG.info("Cluster: replica {} does not lead {}", getId(), namespace);
                    }
                });
            }
            return view;
        }
    }

    private static long number(CamelContext context, String name, String defaultValue, long min) {
        String text = context.getPropertiesComponent().resolveProperty(name).orElse(defaultValue).trim();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
        return value;
    }
}
