package io.cameltelemetry.dcs;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.cameltelemetry.common.state.JdbcStateRepository;
import io.cameltelemetry.common.state.StoredCursorException;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The readings consumer: cursor in a StateRepository, resume across restarts, no gap, no duplicate. */
class DcsConsumerTest extends DcsTestSupport {

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // each test builds its own contexts
            }
        };
    }

    private CamelContext consumerContext(String uri, Instant now, String failOn) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("poll").process(e -> {
                    DcsReading r = e.getIn().getBody(DcsReading.class);
                    if (r.timestamp().toString().equals(failOn)) {
                        throw new IllegalStateException("downstream refused " + r.timestamp());
                    }
                    seen.add(r.timestamp() + "=" + r.value() + "@" + e.getIn().getHeader(DcsConstants.READING_ID));
                });
            }
        });
        ((DcsEndpoint) ctx.getEndpoint(uri)).setClock(Clock.fixed(now, ZoneOffset.UTC));
        ctx.start();
        return ctx;
    }

    private static String readingsBody(Instant... timestamps) {
        StringBuilder body = new StringBuilder("{\"name\": \"VM\", \"unit\": \"kWh\", \"readings\": [");
        for (int i = 0; i < timestamps.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"timestamp\": \"").append(timestamps[i])
                    .append("\", \"value\": ")
                    .append((timestamps[i].getEpochSecond() - Instant.parse("2024-01-01T00:00:00Z").getEpochSecond()) / 60)
                    .append(", \"status\": 0}");
        }
        return body.append("]}").toString();
    }

    private static void stubWindow(String start, String end, Instant... timestamps) {
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/public/readings?id=VM9&format=standard&startTime="
                + start.replace(":", "%3A") + "&endTime=" + end.replace(":", "%3A")
                + "&calibrated=true&interpolated=true&periodType=halfHour"))
                .willReturn(aResponse().withStatus(200).withBody(readingsBody(timestamps))));
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void resumesAcrossARestartWithAFileStateRepositoryWithoutGapOrDuplicate() throws Exception {
        File state = dir.resolve("dcs-cursor.dat").toFile();
        String uri = "dcs:readings?baseUrl=" + base() + "&id=9&isVirtual=true&periodType=halfHour"
                + "&startTime=2024-01-01T00:00:00Z&delay=60000&stateRepository=#cursor";
        // first run at 01:40: complete periods 00:00, 00:30, 01:00
        stubWindow("2024-01-01T00:00:00Z", "2024-01-01T01:30:00Z",
                t("2024-01-01T00:00:00Z"), t("2024-01-01T00:30:00Z"), t("2024-01-01T01:00:00Z"));
        try (CamelContext first = contextWithState(state, uri, t("2024-01-01T01:40:00Z"))) {
            await().until(() -> seen.size() == 3);
        }
        // restart at 02:35: only 01:30 and 02:00 are new; the server repeats 01:00 at the inclusive boundary
        stubWindow("2024-01-01T01:30:00Z", "2024-01-01T02:30:00Z",
                t("2024-01-01T01:00:00Z"), t("2024-01-01T01:30:00Z"), t("2024-01-01T02:00:00Z"));
        try (CamelContext second = contextWithState(state, uri, t("2024-01-01T02:35:00Z"))) {
            await().until(() -> seen.size() == 5);
        }
        assertEquals(List.of("2024-01-01T00:00:00Z=0.0@VM9", "2024-01-01T00:30:00Z=30.0@VM9", "2024-01-01T01:00:00Z=60.0@VM9",
                "2024-01-01T01:30:00Z=90.0@VM9", "2024-01-01T02:00:00Z=120.0@VM9"), seen);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/DCSWebApi/public/readings")).withQueryParam("startTime",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("2024-01-01T01:30:00Z")));
    }

    private CamelContext contextWithState(File state, String uri, Instant now) throws Exception {
        return contextWithState(FileStateRepository.fileStateRepository(state), uri, now);
    }

    private CamelContext contextWithState(StateRepository<String, String> repository, String uri, Instant now)
            throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("cursor", repository);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("poll").process(e -> {
                    DcsReading r = e.getIn().getBody(DcsReading.class);
                    seen.add(r.timestamp() + "=" + r.value() + "@" + e.getIn().getHeader(DcsConstants.READING_ID));
                });
            }
        });
        ((DcsEndpoint) ctx.getEndpoint(uri)).setClock(Clock.fixed(now, ZoneOffset.UTC));
        ctx.start();
        return ctx;
    }

    @Test
    void aCursorOneReplicaWroteInPostgresIsWhereAnotherResumes() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        String uri = "dcs:readings?baseUrl=" + base() + "&id=9&isVirtual=true&periodType=halfHour"
                + "&startTime=2024-01-01T00:00:00Z&delay=60000&stateRepository=#cursor";
        stubWindow("2024-01-01T00:00:00Z", "2024-01-01T01:30:00Z",
                t("2024-01-01T00:00:00Z"), t("2024-01-01T00:30:00Z"), t("2024-01-01T01:00:00Z"));
        try (CamelContext replicaA = contextWithState(new JdbcStateRepository(db, "dcs-cursor"), uri,
                t("2024-01-01T01:40:00Z"))) {
            await().until(() -> seen.size() == 3);
        }
        // another replica (its own repository instance, the same table) takes over where the first stopped
        stubWindow("2024-01-01T01:30:00Z", "2024-01-01T02:30:00Z",
                t("2024-01-01T01:00:00Z"), t("2024-01-01T01:30:00Z"), t("2024-01-01T02:00:00Z"));
        JdbcStateRepository replicaBCursor = new JdbcStateRepository(db, "dcs-cursor");
        try (CamelContext replicaB = contextWithState(replicaBCursor, uri, t("2024-01-01T02:35:00Z"))) {
            await().until(() -> seen.size() == 5);
            await().until(() -> "2024-01-01T02:30:00Z".equals(replicaBCursor.getState("dcs-cursor:VM9:halfHour")));
        }
        assertEquals(List.of("2024-01-01T00:00:00Z=0.0@VM9", "2024-01-01T00:30:00Z=30.0@VM9", "2024-01-01T01:00:00Z=60.0@VM9",
                "2024-01-01T01:30:00Z=90.0@VM9", "2024-01-01T02:00:00Z=120.0@VM9"), seen, "no gap, no duplicate");
    }

    @Test
    void aStoredCursorThatCannotBeParsedFailsThePollNamingTheTableAndKeyAndSkipsNothing() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        JdbcStateRepository cursor = new JdbcStateRepository(db, "dcs-cursor");
        cursor.start();
        cursor.setState("dcs-cursor:VM9:halfHour", "half past one");
        String uri = "dcs:readings?baseUrl=" + base() + "&id=9&isVirtual=true&periodType=halfHour"
                + "&startTime=2024-01-01T00:00:00Z&delay=60000&stateRepository=#cursor";
        try (CamelContext ctx = contextWithState(cursor, uri, t("2024-01-01T01:40:00Z"))) {
            DcsConsumer consumer = (DcsConsumer) ctx.getRoute("poll").getConsumer();
            StoredCursorException e = assertThrows(StoredCursorException.class, consumer::pollOnce);
            assertEquals("The stored DCS cursor dcs-cursor:VM9:halfHour = 'half past one' in table camel_telemetry_state "
                    + "(repositoryName dcs-cursor) is not an ISO-8601 instant; fix or remove it (nothing was polled)",
                    e.getMessage());
            assertEquals("half past one", cursor.getState("dcs-cursor:VM9:halfHour"));
            assertEquals(List.of(), seen);
            wireMock.verify(0, getRequestedFor(urlPathEqualTo("/DCSWebApi/public/readings")));
        }
    }

    @Test
    void aFailedExchangeStopsTheBatchAndTheNextPollStartsWithIt() throws Exception {
        String uri = "dcs:readings?baseUrl=" + base() + "&id=VM9&startTime=2024-01-01T00:00:00Z&delay=60000";
        stubWindow("2024-01-01T00:00:00Z", "2024-01-01T01:30:00Z",
                t("2024-01-01T00:00:00Z"), t("2024-01-01T00:30:00Z"), t("2024-01-01T01:00:00Z"));
        stubWindow("2024-01-01T00:30:00Z", "2024-01-01T01:30:00Z", t("2024-01-01T00:30:00Z"), t("2024-01-01T01:00:00Z"));
        try (CamelContext ctx = consumerContext(uri, t("2024-01-01T01:40:00Z"), "2024-01-01T00:30:00Z")) {
            DcsEndpoint endpoint = (DcsEndpoint) ctx.getEndpoint(uri);
            DcsConsumer consumer = (DcsConsumer) ctx.getRoute("poll").getConsumer();
            await().until(() -> seen.size() == 1);
            assertEquals(t("2024-01-01T00:30:00Z"), consumer.cursor());
            assertEquals(0, consumer.poll()); // 00:30 still refused: nothing passes it
            assertEquals(t("2024-01-01T00:30:00Z"), consumer.cursor());
            assertEquals(1, seen.size());
            assertEquals("2024-01-01T00:30:00Z",
                    endpoint.getConfiguration().getStateRepository().getState("dcs-cursor:VM9:halfHour"),
                    "the cursor is stored under dcs-cursor:<id>:<period> at the refused reading");
        }
    }

    @Test
    void maxMessagesPerPollIsHonoured() throws Exception {
        String uri = "dcs:readings?baseUrl=" + base() + "&id=VM9&startTime=2024-01-01T00:00:00Z&delay=60000"
                + "&maxMessagesPerPoll=2";
        // a poll asks for no more periods than it may emit: 00:00 and 00:30, then 01:00
        stubWindow("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", t("2024-01-01T00:00:00Z"), t("2024-01-01T00:30:00Z"));
        stubWindow("2024-01-01T01:00:00Z", "2024-01-01T01:30:00Z", t("2024-01-01T01:00:00Z"));
        try (CamelContext ctx = consumerContext(uri, t("2024-01-01T01:40:00Z"), "none")) {
            await().until(() -> seen.size() == 2);
            DcsConsumer consumer = (DcsConsumer) ctx.getRoute("poll").getConsumer();
            assertEquals(1, consumer.poll());
            assertEquals(0, consumer.poll());
            assertEquals(3, seen.size());
            assertEquals(t("2024-01-01T01:30:00Z"), consumer.cursor());
        }
    }

    @Test
    void aFailedPollThrows() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/DCSWebApi/public/readings")).willReturn(aResponse().withStatus(400)
                .withBody("{\"details\": \"Query exceeds the allowed date range\"}")));
        String uri = "dcs:readings?baseUrl=" + base() + "&id=VM9&startTime=2024-01-01T00:00:00Z&delay=600000"
                + "&initialDelay=600000";
        try (CamelContext ctx = consumerContext(uri, t("2024-01-01T01:40:00Z"), "none")) {
            DcsConsumer consumer = (DcsConsumer) ctx.getRoute("poll").getConsumer();
            DcsException e = assertThrows(DcsException.class, consumer::poll);
            assertEquals("Query exceeds the allowed date range", e.getDetails());
            assertEquals(t("2024-01-01T00:00:00Z"), consumer.cursor());
        }
    }

    @Test
    void withoutStartTimeAFreshCursorBeginsOneDayAgo() throws Exception {
        String uri = "dcs:readings?baseUrl=" + base() + "&id=R733&periodType=hour&delay=600000&initialDelay=600000";
        try (CamelContext ctx = consumerContext(uri, t("2024-03-10T12:34:56Z"), "none")) {
            DcsConsumer consumer = (DcsConsumer) ctx.getRoute("poll").getConsumer();
            assertEquals(t("2024-03-09T12:00:00Z"), consumer.cursor());
        }
    }

    @Test
    void onlyReadingsCanBePolled() {
        List<Exception> errors = new ArrayList<>();
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dcs:meters?baseUrl=" + base()).to("log:x");
                }
            });
            ctx.start();
        } catch (Exception e) {
            errors.add(e);
        }
        assertEquals(1, errors.size());
        Throwable cause = errors.get(0);
        while (cause != null && !(cause instanceof DcsValidationException)) {
            cause = cause.getCause();
        }
        assertEquals("operation", ((DcsValidationException) cause).getField());
    }
}
