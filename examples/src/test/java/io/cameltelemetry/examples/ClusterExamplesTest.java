package io.cameltelemetry.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.cameltelemetry.examples.sandbox.DcsSandbox;
import io.cameltelemetry.examples.sandbox.Sandboxes;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/cluster as README's "Running more than one replica" runs it, in one JVM: two replicas (CamelContexts), each
 * with the runner's cluster settings on one shared directory, load every file of examples/cluster and share one
 * PostgreSQL (embedded) and the sandboxes. Each master: route runs on one replica only, every demo delivers, and when
 * the leading replica stops the other takes its polling over from the cursors in the database. The soak in
 * benchmarks/ does the same with processes and kill -9.
 */
class ClusterExamplesTest {

    @TempDir
    Path dir;

    private CamelContext replica(String id, DataSource db, Sandboxes sandboxes, Instant dcsStart) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("telemetry.db.url", ((PGSimpleDataSource) db).getUrl());
        context.getPropertiesComponent().addInitialProperty("telemetry.db.user", "postgres");
        context.getPropertiesComponent().addInitialProperty("telemetry.cluster.root", dir.resolve("cluster").toString());
        context.getPropertiesComponent().addInitialProperty("telemetry.cluster.id", id);
        context.getPropertiesComponent().addInitialProperty("telemetry.deadLetterDir", dir.resolve("dead").toString());
        context.getPropertiesComponent().addInitialProperty("dcs.startTime", dcsStart.toString());
        context.getPropertiesComponent().addInitialProperty("dcs.pollDelay", "300");
        context.getPropertiesComponent().addInitialProperty("dcs.maxMessagesPerPoll", "20");
        // what camel-main does with camel.component.<name>.<option> (a plain context does not)
        Map<String, String> options = new LinkedHashMap<>(sandboxes.properties());
        options.put("camel.component.pylot.zoneId", "UTC");
        options.forEach((key, value) -> {
            String[] parts = key.split("\\.", 4);
            Component component = context.getComponent(parts[2]);
            PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer(parts[2] + "-component", context);
            assertTrue(configurer.configure(context, component, parts[3], value, true), key);
        });
        ClusterSettings.install(context);
        // db.yaml first: the other files' beans take the bean db when they are created
        List<Path> files = new ArrayList<>(List.of(Path.of("cluster/db.yaml")));
        try (Stream<Path> all = Files.list(Path.of("cluster"))) {
            all.filter(f -> f.toString().endsWith(".yaml") && !files.contains(f)).sorted().forEach(files::add);
        }
        for (Path file : files) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
        }
        return context;
    }

    @Test
    void twoReplicasRunEveryClusterDemoWithOnePollerEachAndTheOtherTakesOver() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        Instant dcsStart = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
        try (Sandboxes sandboxes = Sandboxes.start()) {
            CamelContext a = replica("replica-a", db, sandboxes, dcsStart);
            CamelContext b = replica("replica-b", db, sandboxes, dcsStart);
            List<CamelContext> replicas = new ArrayList<>(List.of(a, b));
            try {
                a.start();
                b.start();
                List<String> namespaces = List.of("dcs-bridge", "archfx-sensors", "archfx-poller", "esmond-tests",
                        "esmond-poller", "greenhouse-sensors");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    for (String ns : namespaces) {
                        assertEquals(1, leaders(replicas, ns).size(), ns + " is led by exactly one replica");
                    }
                });
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertTrue(sandboxes.received("pylot") >= 40, "PYLOT " + sandboxes.received("pylot"));
                    assertTrue(sandboxes.received("archfx") >= 40, "ArchFX " + sandboxes.received("archfx"));
                    assertTrue(sandboxes.received("esmond") >= 10, "esmond " + sandboxes.received("esmond"));
                    assertTrue(sandboxes.received("initialstate") >= 100, "IS " + sandboxes.received("initialstate"));
                });
                // the replica that polls DCS stops: the other takes over from the cursor in the database
                CamelContext leader = leaders(replicas, "dcs-bridge").get(0);
                CamelContext other = leader == a ? b : a;
                leader.stop();
                replicas.remove(leader);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertEquals(List.of(other), leaders(replicas, "dcs-bridge")));
                // every half-hour of the two days reaches PYLOT once, with its value
                Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
                long expected = Duration.between(dcsStart, end).toMinutes() / 30;
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(
                        energy(sandboxes, dcsStart, end) >= expected, energy(sandboxes, dcsStart, end) + " of " + expected));
                sandboxes.pylot().values().forEach((k, v) -> {
                    if (k.node().equals("Energy centre")) {
                        Instant t = LocalDateTime.parse(k.timestamp()).toInstant(ZoneOffset.UTC);
                        assertEquals(DcsSandbox.halfHourValue("VM9", t), v, "the value of " + t);
                    }
                });
                // ArchFX: each reading id once, none dropped as older data (the ledger keeps uploads in id order)
                assertEquals(List.of(), sandboxes.archfx().ignoredReadings());
            } finally {
                for (CamelContext c : replicas) {
                    c.stop();
                }
            }
        }
    }

    private static long energy(Sandboxes sandboxes, Instant start, Instant end) {
        return sandboxes.pylot().values().keySet().stream().filter(k -> k.node().equals("Energy centre"))
                .map(k -> LocalDateTime.parse(k.timestamp()).toInstant(ZoneOffset.UTC))
                .filter(t -> !t.isBefore(start) && t.isBefore(end)).count();
    }

    /** The replicas whose cluster view of namespace says they lead it. */
    private static List<CamelContext> leaders(List<CamelContext> replicas, String namespace) throws Exception {
        List<CamelContext> leaders = new ArrayList<>();
        for (CamelContext c : replicas) {
            CamelClusterService service = c.hasService(CamelClusterService.class);
            if (service != null && service.isLeader(namespace)) {
                leaders.add(c);
            }
        }
        return leaders;
    }
}
