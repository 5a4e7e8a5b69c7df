package io.cameltelemetry.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.cameltelemetry.common.state.JdbcStateRepository;
import io.cameltelemetry.dcs.DcsComponent;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.examples.sandbox.DcsSandbox;
import io.cameltelemetry.test.TestDatabases;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of a DCS poller behind {@code master:} with Camel's {@link KubernetesClusterService} (a Lease) against
 * fabric8's mock API server in CRUD mode, sharing one cursor in PostgreSQL: exactly one polls; stop it and the other
 * takes over and resumes from the shared cursor, without a gap or a repeat. This is the only Kubernetes test that can
 * run here (no cluster); it checks Camel's lease handling against the API, not a real kubelet. Camel's lock hands the
 * Lease over when the holder's pod leaves the member list (Kubernetes deletes the pod of a replica that stops): in the
 * mock, a stopped leader whose pod object stays was not replaced within 30 s, and a container killed and restarted in
 * the same pod keeps its lease.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLeaderTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final Map<String, List<Instant>> polledBy = new ConcurrentHashMap<>();
    private final List<Instant> all = new CopyOnWriteArrayList<>();

    private CamelContext replica(String pod, DcsSandbox sandbox, DataSource db, Instant start) throws Exception {
        // the replica's pod, as Kubernetes lists it (only listed pods may lead)
        client.pods().inNamespace("telemetry").resource(new PodBuilder().withNewMetadata().withName(pod)
                .withNamespace("telemetry").addToLabels("app", "telemetry").endMetadata().withNewStatus()
                .withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(pod);
        KubernetesConfiguration api = new KubernetesConfiguration();
        api.setMasterUrl(client.getMasterUrl().toString());
        // a client of its own, as each pod has (the cluster service closes it when the replica stops)
        api.setKubernetesClient(new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(client.getMasterUrl().toString()).withTrustCerts(true).withNamespace("telemetry").build())
                .build());
        KubernetesClusterService cluster = new KubernetesClusterService(api);
        cluster.setKubernetesNamespace("telemetry");
        cluster.setKubernetesResourcesNamespace("telemetry");
        cluster.setPodName(pod);
        cluster.setClusterLabels(Map.of("app", "telemetry"));
        cluster.setLeaseResourceType(LeaseResourceType.Lease);
        cluster.setLeaseDurationMillis(3000);
        cluster.setRenewDeadlineMillis(2000);
        cluster.setRetryPeriodMillis(300);
        ctx.addService(cluster);
        DcsComponent dcs = ctx.getComponent("dcs", DcsComponent.class);
        dcs.getConfiguration().setBaseUrl(sandbox.publicBaseUrl());
        dcs.getConfiguration().setUsername(DcsSandbox.DEFAULT_USERNAME);
        dcs.getConfiguration().setPassword(DcsSandbox.DEFAULT_PASSWORD);
        ctx.getRegistry().bind("cursor", new JdbcStateRepository(db, "dcs-cursor"));
        polledBy.put(pod, new CopyOnWriteArrayList<>());
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:dcs-bridge:dcs:readings?id=9&isVirtual=true&periodType=halfHour&startTime=" + start
                        + "&stateRepository=#cursor&maxMessagesPerPoll=4&initialDelay=0&delay=150")
                        .routeId("poll")
                        .process(e -> {
                            Instant t = e.getIn().getBody(DcsReading.class).timestamp();
                            polledBy.get(pod).add(t);
                            all.add(t);
                        });
            }
        });
        ctx.start();
        return ctx;
    }

    @Test
    void exactlyOneReplicaPollsAndTheOtherTakesOverFromTheSharedCursor() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        Instant now = Instant.now();
        Instant start = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24));
        try (DcsSandbox sandbox = new DcsSandbox().start(0)) {
            CamelContext a = replica("pod-a", sandbox, db, start);
            CamelContext b = replica("pod-b", sandbox, db, start);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> all.size() >= 12);
                String leader = polledBy.get("pod-a").isEmpty() ? "pod-b" : "pod-a";
                String follower = leader.equals("pod-a") ? "pod-b" : "pod-a";
                assertTrue(polledBy.get(follower).isEmpty(), "only the leader polls: " + polledBy);
                assertEquals(List.of("leaders-dcs-bridge=" + leader), client.leases().inNamespace("telemetry").list()
                        .getItems().stream().map(l -> l.getMetadata().getName() + "=" + l.getSpec().getHolderIdentity())
                        .toList(), "one Lease per master: group, naming the leader");

                (leader.equals("pod-a") ? a : b).stop(); // the leader goes away
                // Kubernetes deletes the pod of a replica that stops (scale-down, eviction, a failed node); Camel's lock
                // hands the lease over once its holder has left the member list
                client.pods().inNamespace("telemetry").withName(leader).delete();
                long gone = System.nanoTime();
                int atStop = all.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> !polledBy.get(follower).isEmpty());
                long failoverMs = (System.nanoTime() - gone) / 1_000_000;
                assertTrue(failoverMs < 10_000, "failover in " + failoverMs + " ms");
                await().atMost(Duration.ofSeconds(30)).until(() -> all.size() >= atStop + 12);

                // no gap, no repeat: the follower went on from the leader's last delivered reading
                List<Instant> expected = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    expected.add(start.plus(Duration.ofMinutes(30L * i)));
                }
                assertEquals(expected, all, "the readings in order, each once, across the takeover");
                assertEquals(polledBy.get(leader).get(polledBy.get(leader).size() - 1).plus(Duration.ofMinutes(30)),
                        polledBy.get(follower).get(0), "the follower resumed at the shared cursor");
            } finally {
                a.stop();
                b.stop();
            }
        }
    }
}
