package io.cameltelemetry.pylot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.common.state.SharedJdbcAggregationRepository;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.OptimisticLockRetryPolicy;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two replicas (two CamelContexts) batching PYLOT measurements in one aggregation repository on a real PostgreSQL:
 * measurements both add to one open batch are each sent once, and a batch a replica completed but could not send is
 * sent by the other replica, once, when the first stops or dies, and never while it lives.
 */
class PylotSharedBatchesTest extends PylotTestSupport {

    private static final String DEAD_PYLOT = "http://127.0.0.1:1";

    private static CamelContext replica(String instance, DataSource db, String pylotUrl, int batchSize) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        SharedJdbcAggregationRepository batches = new SharedJdbcAggregationRepository(db, "pylot_batches");
        batches.setInstanceId(instance);
        batches.setRecoveryInterval(100);
        batches.setDeadAfter(1000);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:measure").routeId("batch-" + instance)
                        .aggregate(constant("greenhouse"), new PylotAggregationStrategy()).completionSize(batchSize)
                        .aggregationRepository(batches).optimisticLocking()
                        // retried at once on the caller's thread, so a failure fails the exchange (see the docs)
                        .optimisticLockRetryPolicy(new OptimisticLockRetryPolicy().maximumRetries(100).retryDelay(0))
                        .to(uri("pylot", "DemoKubo", Map.of("baseUrl", pylotUrl, "username", USER, "password",
                                "RAW(" + PASSWORD + ")", "node", "Zone 1", "metric", "t"), "maxRetries=0"));
            }
        });
        ctx.start();
        return ctx;
    }

    private static void measure(CamelContext ctx, int second) {
        ctx.createProducerTemplate().sendBodyAndHeader("direct:measure", second, PylotConstants.TIMESTAMP,
                String.format("2024-01-01T00:%02d:%02d", second / 60, second % 60));
    }

    /** The timestamps of every row PYLOT received, in order of arrival. */
    private static List<String> receivedTimestamps() throws Exception {
        List<String> stamps = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            for (JsonNode row : MAPPER.readTree(r.getBodyAsString())) {
                stamps.add(row.get("timestamp").asText());
            }
        }
        return stamps;
    }

    private static List<String> stamps(int from, int to) {
        List<String> all = new ArrayList<>();
        for (int s = from; s < to; s++) {
            all.add(String.format("2024-01-01T00:%02d:%02d", s / 60, s % 60));
        }
        return all;
    }

    @Test
    void measurementsTwoReplicasAddToOneBatchAreEachSentOnce() throws Exception {
        stubOk();
        DataSource db = TestDatabases.freshPostgres();
        CamelContext a = replica("a", db, wireMockUrl(), 10);
        CamelContext b = replica("b", db, wireMockUrl(), 10);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            Future<?> fromA = senders.submit(() -> {
                for (int s = 0; s < 60; s += 2) {
                    measure(a, s);
                }
            });
            Future<?> fromB = senders.submit(() -> {
                for (int s = 1; s < 60; s += 2) {
                    measure(b, s);
                }
            });
            fromA.get(30, TimeUnit.SECONDS);
            fromB.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> receivedTimestamps().size() >= 60);
            List<String> received = receivedTimestamps();
            assertEquals(60, received.size(), "each measurement once: " + received);
            assertEquals(stamps(0, 60), received.stream().sorted().toList());
            assertEquals(6, requests().size(), "batches of 10");
        } finally {
            senders.shutdownNow();
            a.stop();
            b.stop();
        }
    }

    @Test
    void aBatchAStoppedReplicaCouldNotSendIsSentByTheOtherOnce() throws Exception {
        stubOk();
        DataSource db = TestDatabases.freshPostgres();
        CamelContext a = replica("a", db, DEAD_PYLOT, 3);
        CamelContext b = replica("b", db, wireMockUrl(), 3);
        try {
            for (int s = 0; s < 3; s++) {
                measure(a, s); // completes a batch that a cannot send (its PYLOT refuses connections)
            }
            // while a lives, b leaves a's batch alone (b scans every 100 ms)
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> requests().isEmpty());
            a.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> requests().size() == 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> requests().size() == 1);
            assertEquals(stamps(0, 3), receivedTimestamps());
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void aBatchOfAReplicaThatDiedIsSentByTheOtherOnceItsHeartbeatIsStale() throws Exception {
        stubOk();
        DataSource db = TestDatabases.freshPostgres();
        TestDatabases.Switch aDb = new TestDatabases.Switch(db);
        CamelContext a = replica("a", aDb, DEAD_PYLOT, 3);
        CamelContext b = replica("b", db, wireMockUrl(), 3);
        try {
            for (int s = 10; s < 13; s++) {
                measure(a, s);
            }
            // a "dies": cut off from the database, it can neither beat nor sign off
            aDb.cut();
            a.stop();
            long died = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> requests().size() == 1);
            long tookOverMs = (System.nanoTime() - died) / 1_000_000;
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> requests().size() == 1);
            assertEquals(stamps(10, 13), receivedTimestamps());
            assertEquals(true, tookOverMs >= 500, "not before a's heartbeat was stale (deadAfter 1000 ms): " + tookOverMs);
        } finally {
            a.stop();
            b.stop();
        }
    }

    private static int completedRows(DataSource db) throws Exception {
        try (var c = db.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM pylot_outage_completed")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aDatabaseOutageDoesNotEndCompletionByTimeOrRecovery() throws Exception {
        // Camel runs the completion-interval and recovery tasks without a catch: one failed database read ended them
        // for good, and batches stopped completing by time (the Initial State demo sent nothing after an H2 restart)
        stubOk();
        TestDatabases.Switch db = new TestDatabases.Switch(TestDatabases.freshPostgres());
        SharedJdbcAggregationRepository batches = new SharedJdbcAggregationRepository(db, "pylot_outage");
        batches.setRecoveryInterval(100);
        CamelContext ctx = new DefaultCamelContext();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:measure").aggregate(constant("greenhouse"), new PylotAggregationStrategy())
                        .completionInterval(200).aggregationRepository(batches).optimisticLocking()
                        .optimisticLockRetryPolicy(new OptimisticLockRetryPolicy().maximumRetries(100).retryDelay(0))
                        .to(uri("pylot", "DemoKubo", Map.of("baseUrl", wireMockUrl(), "username", USER, "password",
                                "RAW(" + PASSWORD + ")", "node", "Zone 1", "metric", "t"), "maxRetries=0"));
            }
        });
        ctx.start();
        try {
            for (int s = 0; s < 3; s++) {
                measure(ctx, s);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> requests().size() == 1);
            // the batch is confirmed (gone from the completed table) before the outage, so nothing is sent again
            await().atMost(Duration.ofSeconds(10)).until(() -> batches.scan(ctx).isEmpty()
                    && completedRows(db) == 0);
            db.cut();
            Thread.sleep(1000); // five completion intervals and ten recovery scans against a database that refuses
            db.restore();
            for (int s = 3; s < 6; s++) {
                int second = s;
                Exchange out = ctx.createProducerTemplate().send("direct:measure", e -> {
                    e.getIn().setBody(second);
                    e.getIn().setHeader(PylotConstants.TIMESTAMP, String.format("2024-01-01T00:00:%02d", second));
                });
                assertNull(out.getException(), "accepted after the outage");
            }
            // completed by time again (the interval task lives), each measurement once
            await().atMost(Duration.ofSeconds(10)).until(() -> receivedTimestamps().size() >= 6);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                    .until(() -> receivedTimestamps().size() == 6);
            assertEquals(stamps(0, 6), receivedTimestamps().stream().sorted().toList());
        } finally {
            ctx.stop();
        }
    }
}
