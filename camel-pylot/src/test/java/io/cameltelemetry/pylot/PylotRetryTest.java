package io.cameltelemetry.pylot;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cameltelemetry.pylot.model.Measurement;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PylotRetryTest extends PylotTestSupport {

    private static final Map<String, Object> HEADERS = Map.of(PylotConstants.NODE, "Zone 1", PylotConstants.METRIC, "1",
            PylotConstants.TIMESTAMP, LocalDateTime.of(2024, 1, 1, 12, 0, 0));
    private static final String EXPECTED_BODY = "[{\"adapter\":\"A\",\"timestamp\":\"2024-01-01T12:00:00\",\"node\":\"Zone 1\","
            + "\"data\":{\"1\":5}}]";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(pylot("A", "maxRetries=3"));
                from("direct:retryAfter").to(pylot("A", "maxRetries=3").replace("retryMaxDelay=20", "retryMaxDelay=5000"));
                from("direct:noRetry").to(pylot("A", "maxRetries=0"));
            }
        };
    }

    /** Sends the value 5 for Zone 1, metric 1, 2024-01-01T12:00:00. */
    private Exchange send(String uri) {
        return template.send(uri, e -> {
            e.getIn().setBody(5);
            e.getIn().setHeaders(new HashMap<>(HEADERS));
        });
    }

    private void stubSequence(String name, int... statuses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? "done" : "s" + (i + 1);
            wireMock.stubFor(post(urlEqualTo("/api/measurements")).inScenario(name).whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(statuses[i]).withBody("{\"error\":\"status " + statuses[i] + "\"}"))
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void retries503ThenSucceedsWithTheSameBody() {
        stubSequence("503", 503, 503, 200);
        Exchange out = send("direct:send");
        assertNull(out.getException());
        assertEquals(3, requests().size());
        requests().forEach(r -> assertEquals(EXPECTED_BODY, r.getBodyAsString()));
        assertEquals(1, out.getMessage().getHeader(PylotConstants.REQUEST_COUNT));
    }

    @Test
    void honoursRetryAfterOn429() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        long start = System.nanoTime();
        Exchange out = send("direct:retryAfter");
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertNull(out.getException());
        assertEquals(2, requests().size());
        // the jittered backoff alone would wait at most 1 ms (retryInitialDelay=1): Retry-After: 1 means a second
        assertTrue(waitedMs >= 1000, "waited only " + waitedMs + " ms");
    }

    @Test
    void retriesConnectionResets() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).inScenario("reset").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        Exchange out = send("direct:send");
        assertNull(out.getException());
        assertEquals(2, requests().size());
    }

    @Test
    void doesNotRetry400AndReportsStatusUriAndBody() {
        stubSequence("400", 400, 200);
        Exchange out = send("direct:send");
        PylotException error = assertInstanceOf(PylotException.class, out.getException());
        assertInstanceOf(HttpOperationFailedException.class, error);
        assertEquals(400, error.getStatusCode());
        assertEquals(wireMockUrl() + "/api/measurements", error.getUri());
        assertEquals("{\"error\":\"status 400\"}", error.getResponseBody());
        assertTrue(error.getMessage().contains("statusCode: 400"), error.getMessage());
        assertTrue(error.getMessage().contains("status 400"), error.getMessage());
        assertEquals(1, requests().size());
    }

    @Test
    void doesNotRetry401() {
        stubSequence("401", 401, 200);
        Exchange out = send("direct:send");
        assertEquals(401, assertInstanceOf(PylotException.class, out.getException()).getStatusCode());
        assertEquals(1, requests().size());
    }

    @Test
    void givesUpAfterMaxRetries() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(502)));
        Exchange out = send("direct:send");
        assertEquals(502, assertInstanceOf(PylotException.class, out.getException()).getStatusCode());
        assertEquals(4, requests().size(), "1 attempt + maxRetries=3");
    }

    @Test
    void maxRetriesZeroMeansOneAttempt() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(503)));
        Exchange out = send("direct:noRetry");
        assertEquals(503, assertInstanceOf(PylotException.class, out.getException()).getStatusCode());
        assertEquals(1, requests().size());
    }

    @Test
    void redirectsAreNotFollowed() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:1/elsewhere")));
        Exchange out = send("direct:send");
        PylotException error = assertInstanceOf(PylotException.class, out.getException());
        assertEquals(302, error.getStatusCode());
        assertEquals("http://127.0.0.1:1/elsewhere", error.getRedirectLocation());
        assertEquals(1, requests().size());
    }

    @Test
    void chunksBeforeAFailureStaySentAndAreReported() {
        stubSequence("partial", 200, 400);
        List<Measurement> rows = rows(3);
        Exchange out = template.send(pylot("A", "maxRowsPerRequest=2&maxRetries=0"), e -> e.getIn().setBody(rows));
        PylotException error = assertInstanceOf(PylotException.class, out.getException());
        assertEquals(2, error.getRowsSentBefore());
        assertEquals(2, requests().size());
        assertFalse(error.getMessage().contains(PASSWORD));
    }

    @Test
    void aBatchsRequestsAreOnTheWireOneAtATimeInOrder() {
        // the next request is written while one is on the wire, but posted only once that one is answered
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(150)));
        List<Measurement> rows = rows(4);
        Exchange out = template.send(pylot("A", "maxRowsPerRequest=1&maxRetries=0"), e -> e.getIn().setBody(rows));
        assertNull(out.getException());
        assertEquals(4, out.getMessage().getHeader(PylotConstants.REQUEST_COUNT));
        List<ServeEvent> served = new ArrayList<>(wireMock.getAllServeEvents());
        served.sort(Comparator.comparing(ev -> ev.getRequest().getLoggedDate()));
        for (int i = 0; i < served.size(); i++) {
            assertTrue(served.get(i).getRequest().getBodyAsString().contains("\"timestamp\":\"2024-01-01T00:00:0" + i),
                    "request " + i + " in row order: " + served.get(i).getRequest().getBodyAsString());
            if (i > 0) {
                long gap = served.get(i).getRequest().getLoggedDate().getTime()
                        - served.get(i - 1).getRequest().getLoggedDate().getTime();
                assertTrue(gap >= 140, "request " + i + " arrived " + gap + " ms after the one before, which took 150 ms");
            }
        }
    }

    @Test
    void aFailureStopsTheBatchThoughTheNextRequestIsAlreadyWritten() {
        stubSequence("stop", 200, 503, 200);
        List<Measurement> rows = rows(3);
        Exchange out = template.send(pylot("A", "maxRowsPerRequest=1&maxRetries=0"), e -> e.getIn().setBody(rows));
        PylotException error = assertInstanceOf(PylotException.class, out.getException());
        assertEquals(503, error.getStatusCode());
        assertEquals(1, error.getRowsSentBefore());
        assertEquals(2, requests().size(), "the third request, written while the second was on the wire, is not sent");
    }

    /** {@code n} measurements of node N, metric m, one a second from 2024-01-01T00:00:00, valued 0 to n-1. */
    private static List<Measurement> rows(int n) {
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Measurement.of("N", LocalDateTime.of(2024, 1, 1, 0, 0, i), "m", i));
        }
        return rows;
    }
}
