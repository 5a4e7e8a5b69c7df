package io.cameltelemetry.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.cameltelemetry.examples.sandbox.InitialStateSandbox;
import io.cameltelemetry.examples.sandbox.PylotSandbox;
import io.cameltelemetry.initialstate.InitialStateComponent;
import io.cameltelemetry.initialstate.InitialStateConstants;
import io.cameltelemetry.pylot.PylotComponent;
import io.cameltelemetry.pylot.PylotConstants;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The "State shared by replicas" YAML of pylot-component.adoc and initialstate-component.adoc, as a user runs it: two
 * replicas (CamelContexts) load the same file and share one real PostgreSQL (embedded) and one sandbox.
 */
class ReplicasDocExamplesTest {

    @TempDir
    Path dir;

    private static CamelContext replica(String yaml, DataSource db, Map<String, String> properties) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("telemetry.db.url", ((PGSimpleDataSource) db).getUrl());
        context.getPropertiesComponent().addInitialProperty("telemetry.db.user", "postgres");
        properties.forEach(context.getPropertiesComponent()::addInitialProperty);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
                "file:" + Path.of("src/test/resources/docs/" + yaml)));
        return context;
    }

    @Test
    void twoPylotReplicasFillOneBatchStoreAndEveryMeasurementArrivesOnce() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        try (PylotSandbox sandbox = new PylotSandbox().start(0)) {
            Map<String, String> props = Map.of("pylot.deadLetterDir", dir.resolve("dead").toString());
            CamelContext a = replica("pylot-replicas.yaml", db, props);
            CamelContext b = replica("pylot-replicas.yaml", db, props);
            for (CamelContext c : new CamelContext[]{ a, b }) {
                PylotComponent pylot = c.getComponent("pylot", PylotComponent.class);
                pylot.getConfiguration().setBaseUrl(sandbox.baseUrl());
                pylot.getConfiguration().setUsername(PylotSandbox.DEFAULT_USERNAME);
                pylot.getConfiguration().setPassword(PylotSandbox.DEFAULT_PASSWORD);
                c.start();
            }
            ExecutorService senders = Executors.newFixedThreadPool(2);
            try {
                Future<?>[] sent = new Future<?>[2];
                for (int r = 0; r < 2; r++) {
                    CamelContext replica = r == 0 ? a : b;
                    int first = r;
                    sent[r] = senders.submit(() -> {
                        for (int i = first; i < 50; i += 2) {
                            Instant at = Instant.parse("2024-06-01T00:00:00Z").plusSeconds(i);
                            Exchange out = replica.createProducerTemplate().send("direct:pylot-batch", e -> {
                                e.getIn().setBody(20.0);
                                e.getIn().setHeader(PylotConstants.NODE, "Zone 1");
                                e.getIn().setHeader(PylotConstants.METRIC, "temperature");
                                e.getIn().setHeader(PylotConstants.TIMESTAMP, at);
                            });
                            assertNull(out.getException());
                        }
                    });
                }
                sent[0].get(60, TimeUnit.SECONDS);
                sent[1].get(60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.measurementCount() >= 50);
                assertEquals(50, sandbox.values().size(), "every measurement stored");
                assertEquals(50, sandbox.measurementCount(), "each one sent once");
                assertEquals(5, sandbox.acceptedRequestCount(), "in batches of 10");
            } finally {
                senders.shutdownNow();
                a.stop();
                b.stop();
            }
        }
    }

    @Test
    void whatOneInitialStateReplicaSpilledAnotherReplaysOnceInOrder() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        try (InitialStateSandbox sandbox = new InitialStateSandbox().start(0)) {
            Map<String, String> props = Map.of("initialstate.spillReplayInterval", "200");
            CamelContext a = replica("initialstate-replicas.yaml", db, props);
            CamelContext b = replica("initialstate-replicas.yaml", db, props);
            for (CamelContext c : new CamelContext[]{ a, b }) {
                InitialStateComponent is = c.getComponent("initialstate", InitialStateComponent.class);
                is.getConfiguration().setBaseUrl(sandbox.baseUrl());
                is.getConfiguration().setAccessKey(InitialStateSandbox.DEFAULT_ACCESS_KEY);
                is.getConfiguration().setMaxRetries(0);
            }
            sandbox.outage(60_000);
            a.start();
            for (int i = 1; i <= 5; i++) {
                Exchange out = a.createProducerTemplate().send("direct:greenhouse-events", ex(i));
                assertNull(out.getException(), "spilled, not failed");
                assertEquals(1, out.getMessage().getHeader(InitialStateConstants.SPILLED_EVENT_COUNT));
            }
            a.stop(); // the replica that spilled is gone
            sandbox.outage(0);
            b.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.eventCount() == 5);
                await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> sandbox.eventCount() == 5);
                InitialStateSandbox.Stream temperature = sandbox.bucket("greenhouse").get("temperature");
                assertEquals(5, temperature.count(), "each event once");
                assertEquals(1_700_000_005.0, temperature.lastEpoch(), "in order: the last one last");
            } finally {
                b.stop();
            }
        }
    }

    private static Processor ex(int i) {
        return e -> {
            e.getIn().setBody(20 + i);
            e.getIn().setHeader(InitialStateConstants.TIMESTAMP, 1_700_000_000L + i);
        };
    }
}
