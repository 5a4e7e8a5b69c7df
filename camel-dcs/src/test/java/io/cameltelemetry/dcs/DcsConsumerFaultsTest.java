package io.cameltelemetry.dcs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.dcs.model.DcsReading;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readings consumer under a backlog, broken responses, inclusive window ends, missing values and Errors. */
class DcsConsumerFaultsTest extends DcsTestSupport {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Object> missing = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // each test builds its own context
            }
        };
    }

    private CamelContext consumer(String uri, Clock clock) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("poll").process(e -> {
                    DcsReading r = e.getIn().getBody(DcsReading.class);
                    seen.add(r.timestamp() + "=" + r.value());
                    missing.add(e.getIn().getHeader(DcsConstants.VALUE_MISSING));
                });
            }
        });
        ((DcsEndpoint) ctx.getEndpoint(uri)).setClock(clock);
        ctx.start();
        return ctx;
    }

    private static String uri(String options) {
        return "dcs:readings?baseUrl=" + base() + "&id=VM9&delay=600000&initialDelay=600000&" + options;
    }

    private static void stub(String start, String end, String readings) {
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/public/readings?id=VM9&format=standard&startTime="
                + start.replace(":", "%3A") + "&endTime=" + end.replace(":", "%3A")
                + "&calibrated=true&interpolated=true&periodType=halfHour"))
                .willReturn(aResponse().withStatus(200).withBody("{\"name\": \"VM\", \"readings\": [" + readings + "]}")));
    }

    private static String r(String ts, String value) {
        return "{\"timestamp\": \"" + ts + "\", \"value\": " + value + ", \"status\": 0}";
    }

    private static DcsConsumer pollerOf(CamelContext ctx) {
        return (DcsConsumer) ctx.getRoute("poll").getConsumer();
    }

    @Test
    void aBacklogIsReadOneWindowAtATimeAndEmptyPastWindowsMoveTheCursor() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/DCSWebApi/public/readings"))
                .willReturn(aResponse().withStatus(200).withBody("{\"name\": \"VM\", \"readings\": []}")));
        wireMock.stubFor(get(urlPathEqualTo("/DCSWebApi/public/readings")).atPriority(1)
                .withQueryParam("endTime", equalTo("2024-01-31T00:00:00Z"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"name\": \"VM\", \"readings\": [" + r("2024-01-30T12:00:00Z", "7") + "]}")));
        Clock now = Clock.fixed(Instant.parse("2024-01-31T00:10:00Z"), ZoneOffset.UTC);
        try (CamelContext ctx = consumer(uri("startTime=2024-01-01T00:00:00Z&maxWindow=7d"), now)) {
            assertEquals(1, pollerOf(ctx).poll());
            assertEquals(List.of("2024-01-30T12:00:00Z=7.0"), seen);
            assertEquals(Instant.parse("2024-01-30T12:30:00Z"), pollerOf(ctx).cursor());
        }
        List<LoggedRequest> requests = wireMock.findAll(getRequestedFor(urlPathEqualTo("/DCSWebApi/public/readings")));
        assertTrue(requests.size() >= 5, requests.size() + " requests");
        Instant expectedStart = Instant.parse("2024-01-01T00:00:00Z");
        for (LoggedRequest q : requests) {
            Instant start = Instant.parse(q.queryParameter("startTime").firstValue());
            Instant end = Instant.parse(q.queryParameter("endTime").firstValue());
            assertEquals(expectedStart, start, "windows follow each other");
            assertTrue(!end.isAfter(start.plus(java.time.Duration.ofDays(7))), "at most maxWindow: " + start + "/" + end);
            expectedStart = end;
        }
        assertEquals(Instant.parse("2024-01-31T00:00:00Z"), expectedStart);
    }

    @Test
    void aServerThatAlsoReturnsTheEndReadingCausesNoDuplicateAtWindowBoundaries() throws Exception {
        stub("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z",
                r("2024-01-01T00:00:00Z", "0") + "," + r("2024-01-01T23:30:00Z", "1") + "," + r("2024-01-02T00:00:00Z", "2"));
        stub("2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z",
                r("2024-01-02T00:00:00Z", "2") + "," + r("2024-01-02T00:30:00Z", "3") + "," + r("2024-01-03T00:00:00Z", "4"));
        // the next poll asks again from the cursor; the server repeats only the reading at the exclusive end
        stub("2024-01-02T01:00:00Z", "2024-01-03T00:00:00Z", r("2024-01-03T00:00:00Z", "4"));
        Clock now = Clock.fixed(Instant.parse("2024-01-03T00:10:00Z"), ZoneOffset.UTC);
        try (CamelContext ctx = consumer(uri("startTime=2024-01-01T00:00:00Z&maxWindow=1d"), now)) {
            assertEquals(4, pollerOf(ctx).poll());
            assertEquals(0, pollerOf(ctx).poll());
        }
        assertEquals(List.of("2024-01-01T00:00:00Z=0.0", "2024-01-01T23:30:00Z=1.0", "2024-01-02T00:00:00Z=2.0",
                "2024-01-02T00:30:00Z=3.0"), seen);
    }

    @Test
    void readingsBeforeABrokenResponseAreDeliveredAndTheCursorMovesPastThemBeforeThePollFails() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/DCSWebApi/public/readings")).willReturn(aResponse().withStatus(200)
                .withBody("{\"name\": \"VM\", \"readings\": [" + r("2024-01-01T00:00:00Z", "1") + ","
                        + r("2024-01-01T00:30:00Z", "2") + ", {\"timestamp\": \"2024-01-01T01:00:00Z\", \"value\": ")));
        Clock now = Clock.fixed(Instant.parse("2024-01-01T02:10:00Z"), ZoneOffset.UTC);
        try (CamelContext ctx = consumer(uri("startTime=2024-01-01T00:00:00Z"), now)) {
            DcsConsumer consumer = pollerOf(ctx);
            assertThrows(TelemetryMalformedResponseException.class, consumer::poll);
            assertEquals(List.of("2024-01-01T00:00:00Z=1.0", "2024-01-01T00:30:00Z=2.0"), seen);
            assertEquals(Instant.parse("2024-01-01T01:00:00Z"), consumer.cursor());
            assertThrows(TelemetryMalformedResponseException.class, consumer::poll);
            assertEquals(2, seen.size(), "nothing is delivered twice while the fault lasts");
        }
    }

    @Test
    void readingsWithoutAValueAreDeliveredAsNaNWithAHeader() throws Exception {
        stub("2024-01-01T00:00:00Z", "2024-01-01T01:30:00Z", r("2024-01-01T00:00:00Z", "null") + ","
                + "{\"timestamp\": \"2024-01-01T00:30:00Z\", \"status\": 0},"
                + r("2024-01-01T01:00:00Z", "5"));
        Clock now = Clock.fixed(Instant.parse("2024-01-01T01:40:00Z"), ZoneOffset.UTC);
        try (CamelContext ctx = consumer(uri("startTime=2024-01-01T00:00:00Z"), now)) {
            assertEquals(3, pollerOf(ctx).poll());
        }
        assertEquals(List.of("2024-01-01T00:00:00Z=NaN", "2024-01-01T00:30:00Z=NaN", "2024-01-01T01:00:00Z=5.0"), seen);
        assertEquals(true, missing.get(0));
        assertEquals(true, missing.get(1));
        assertNull(missing.get(2));
    }

    @Test
    void anErrorInAPollFailsThatPollAndPollingGoesOn() throws Exception {
        stub("2024-01-01T00:00:00Z", "2024-01-01T01:30:00Z", r("2024-01-01T00:00:00Z", "1"));
        AtomicInteger calls = new AtomicInteger();
        Clock failingOnce = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (calls.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("simulated: Java heap space");
                }
                return Instant.parse("2024-01-01T01:40:00Z");
            }
        };
        String uri = "dcs:readings?baseUrl=" + base() + "&id=VM9&delay=20&initialDelay=0&startTime=2024-01-01T00:00:00Z";
        try (CamelContext ctx = consumer(uri, failingOnce)) {
            await().until(() -> seen.size() == 1);
            assertTrue(calls.get() >= 2, "polled again after the Error");
        }
    }
}
