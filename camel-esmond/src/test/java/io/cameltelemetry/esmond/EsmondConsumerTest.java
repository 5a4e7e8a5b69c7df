package io.cameltelemetry.esmond;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.cameltelemetry.common.state.JdbcStateRepository;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The polling consumer: cursor (second, count) on the wire as time-start + a limit raised by the count (never offset,
 * which an archive may ignore), resume across a restart, points sharing a second at page boundaries, a failed exchange,
 * summaries, an Error in a poll.
 */
class EsmondConsumerTest extends EsmondTestSupport {

    @TempDir
    Path dir;

    private static final String BASE = ARCHIVE + MK + "/histogram-owdelay/base?time-start=";
    private static final String END = "&time-end=1391616000&limit=";

    private static String point(long ts, int n) {
        return "{\"ts\":" + ts + ",\"val\":{\"1\":" + n + "}}";
    }

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    /** A context with the consumer route, a fixed clock and the given cursor store; received points land in got. */
    private CamelContext start(Object repository, String options, List<String> got, Runnable beforeEach)
            throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("cursors", repository);
        String uri = esmond("data", "eventType=histogram-owdelay&metadataKey=" + MK + "&pageSize=3"
                + "&startTime=1391558400&stateRepository=#cursors&delay=20&initialDelay=0" + options);
        ctx.getComponent("esmond", EsmondComponent.class).setSleeper(sleeper);
        ctx.getEndpoint(uri, EsmondEndpoint.class).setClock(fixedClock(NOW));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> beforeEach.run())
                        .process(e -> got
                                .add(e.getIn().getHeader(EsmondConstants.TIMESTAMP, Instant.class).getEpochSecond() + "="
                                        + ((Map<?, ?>) e.getIn().getBody()).get("1") + " "
                                        + e.getIn().getHeader(EsmondConstants.METADATA_KEY) + " "
                                        + e.getIn().getHeader(EsmondConstants.EVENT_TYPE) + " "
                                        + e.getIn().getHeader(EsmondConstants.SOURCE) + " "
                                        + e.getIn().getHeader(EsmondConstants.DESTINATION)));
            }
        });
        ctx.start();
        return ctx;
    }

    private void stubSeries() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "histogram-owdelay"));
        // an archive that pages by time and limit (offset is never sent: one that ignores it answers the same)
        stubJson(BASE + "1391558400" + END + 3, "[" + point(1391558401, 1) + "," + point(1391558410, 2) + ","
                + point(1391558410, 3) + "]");
        String second410 = point(1391558410, 2) + "," + point(1391558410, 3) + "," + point(1391558410, 4) + ","
                + point(1391558410, 5) + "," + point(1391558410, 6);
        stubJson(BASE + "1391558410" + END + 5, "[" + second410 + "]");
        stubJson(BASE + "1391558410" + END + 8, "[" + second410 + "," + point(1391558420, 7) + "]");
        stubJson(BASE + "1391558420" + END + 4, "[" + point(1391558420, 7) + "]");
    }

    private static List<String> values(List<String> got) {
        return got.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
    }

    @Test
    void theCursorIsSecondPlusCountOnTheWireAndARestartNeitherRepeatsNorSkips() throws Exception {
        stubSeries();
        File file = dir.resolve("cursors.dat").toFile();
        List<String> got = new CopyOnWriteArrayList<>();
        CamelContext first = start(FileStateRepository.fileStateRepository(file), "", got, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 7);
        first.stop();
        assertEquals("esmond-cursor:" + MK + ":histogram-owdelay:base:0=1391558420:1\n",
                Files.readString(file.toPath()));
        assertEquals(List.of("1391558401=1", "1391558410=2", "1391558410=3", "1391558410=4", "1391558410=5",
                "1391558410=6", "1391558420=7"), values(got));
        assertEquals("1391558401=1 " + MK + " histogram-owdelay 10.0.0.1 10.0.0.2", got.get(0));

        // a new point in the last delivered second arrives while stopped
        stubJson(BASE + "1391558420" + END + 4, "[" + point(1391558420, 7) + "," + point(1391558420, 8) + "]");
        stubJson(BASE + "1391558420" + END + 5, "[" + point(1391558420, 7) + "," + point(1391558420, 8) + "]");
        List<String> again = new CopyOnWriteArrayList<>();
        CamelContext second = start(FileStateRepository.fileStateRepository(file), "", again, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> wireMock.findAll(
                getRequestedFor(urlEqualTo(BASE + "1391558420" + END + 5))).size() >= 3);
        second.stop();
        assertEquals(List.of("1391558420=8"), values(again), "only the new point, once, however many polls");
        assertTrue(wireMock.findAll(getRequestedFor(anyUrl())).stream().noneMatch(r -> r.getUrl().contains("offset=")),
                "the consumer never depends on offset");
    }

    @Test
    void aCursorOneReplicaWroteInPostgresIsWhereAnotherResumes() throws Exception {
        stubSeries();
        DataSource db = TestDatabases.freshPostgres();
        List<String> got = new CopyOnWriteArrayList<>();
        CamelContext replicaA = start(new JdbcStateRepository(db, "esmond-cursor"), "", got, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 7);
        replicaA.stop();
        stubJson(BASE + "1391558420" + END + 4, "[" + point(1391558420, 7) + "," + point(1391558420, 8) + "]");
        stubJson(BASE + "1391558420" + END + 5, "[" + point(1391558420, 7) + "," + point(1391558420, 8) + "]");
        List<String> again = new CopyOnWriteArrayList<>();
        JdbcStateRepository replicaBCursors = new JdbcStateRepository(db, "esmond-cursor");
        CamelContext replicaB = start(replicaBCursors, "", again, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> wireMock.findAll(
                getRequestedFor(urlEqualTo(BASE + "1391558420" + END + 5))).size() >= 3);
        replicaB.stop();
        assertEquals(List.of("1391558401=1", "1391558410=2", "1391558410=3", "1391558410=4", "1391558410=5",
                "1391558410=6", "1391558420=7"), values(got));
        assertEquals(List.of("1391558420=8"), values(again), "the other replica resumed: only the new point, once");
        assertEquals("1391558420:2", replicaBCursors.getState("esmond-cursor:" + MK + ":histogram-owdelay:base:0"));
    }

    @Test
    void aFailedExchangeKeepsTheCursorSoTheNextPollStartsWithIt() throws Exception {
        stubSeries();
        MemoryStateRepository cursors = new MemoryStateRepository();
        List<String> got = new CopyOnWriteArrayList<>();
        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        CamelContext ctx = start(cursors, "", got, () -> {
            if (seen.incrementAndGet() == 4 && failOnce.getAndSet(false)) {
                throw new IllegalStateException("route down");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 7);
        assertEquals("1391558420:1", cursors.getState("esmond-cursor:" + MK + ":histogram-owdelay:base:0"));
        ctx.stop();
        assertEquals(List.of("1391558401=1", "1391558410=2", "1391558410=3", "1391558410=4", "1391558410=5",
                "1391558410=6", "1391558420=7"), values(got), "the failed point came again, nothing twice");
        assertEquals(2, wireMock.findAll(getRequestedFor(urlEqualTo(BASE + "1391558410" + END + 5))).size(),
                "the poll after the failure asked from the failed point again");
    }

    @Test
    void anErrorInAPollFailsThatPollOnlyAndPollingGoesOn() throws Exception {
        stubSeries();
        AtomicBoolean thrown = new AtomicBoolean();
        MemoryStateRepository cursors = new MemoryStateRepository() {
            @Override
            public String getState(String key) {
                if (!thrown.getAndSet(true)) {
                    throw new StackOverflowError("simulated");
                }
                return super.getState(key);
            }
        };
        List<String> got = new CopyOnWriteArrayList<>();
        CamelContext ctx = start(cursors, "", got, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 7);
        ctx.stop();
        assertTrue(thrown.get());
        assertEquals(7, got.size());
    }

    @Test
    void aFreshCursorStartsATimeRangeAgoAndSummariesArePolledOnceTheirWindowHasPassed() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "histogram-owdelay"));
        // now - 86400 = 1391529600: only windows that ended; a fresh cursor at now - 7200 is after that: nothing yet
        String agg = ARCHIVE + MK + "/histogram-owdelay/aggregations/86400?time-start=";
        stubJson(agg + "1391443200&time-end=1391529600&limit=1000", "[" + point(1391443200, 42) + "]");
        stubJson(agg + "1391443200&time-end=1391529600&limit=1001", "[" + point(1391443200, 42) + "]");
        List<String> got = new CopyOnWriteArrayList<>();
        CamelContext ctx = new DefaultCamelContext();
        String uri = esmond("data", "eventType=histogram-owdelay&metadataKey=" + MK + "&summaryType=aggregation"
                + "&summaryWindow=86400&timeRange=172800&delay=20&initialDelay=0");
        ctx.getEndpoint(uri, EsmondEndpoint.class).setClock(fixedClock(NOW));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(
                        e -> got.add(e.getIn().getHeader(EsmondConstants.TIMESTAMP, Instant.class).getEpochSecond() + "="
                                + ((Map<?, ?>) e.getIn().getBody()).get("1")));
            }
        });
        ctx.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !got.isEmpty() && wireMock.findAll(
                getRequestedFor(urlEqualTo(agg + "1391443200&time-end=1391529600&limit=1001"))).size() >= 2);
        ctx.stop();
        assertEquals(List.of("1391443200=42"), got);
    }

    @Test
    void aConsumerNeedsAnEventTypeAndOnlyDataCanBePolled() {
        Exception e = Assertions.assertThrows(Exception.class, () -> {
            CamelContext ctx = new DefaultCamelContext();
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(esmond("data", "")).to("log:x");
                }
            });
            ctx.start();
        });
        assertEquals("eventType", EsmondMetadataQueryTest.findCause(e, EsmondValidationException.class).getField());
        e = Assertions.assertThrows(Exception.class, () -> {
            CamelContext ctx = new DefaultCamelContext();
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(esmond("bulk", "eventType=throughput")).to("log:x");
                }
            });
            ctx.start();
        });
        assertEquals("operation", EsmondMetadataQueryTest.findCause(e, EsmondValidationException.class).getField());
    }
}
