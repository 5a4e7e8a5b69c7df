package io.cameltelemetry.initialstate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cameltelemetry.test.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed errors, bad input before I/O, retries, pacing and the access key kept secret. */
class InitialStateErrorsTest extends InitialStateTestSupport {

    private Exchange send(String options, Object body) {
        return template.send(is("b", "key=k" + (options.isEmpty() ? "" : "&" + options)), e -> e.getIn().setBody(body));
    }

    @Test
    void refusalsAreDistinctTypedErrorsInPlainWordsAndNotRetried() {
        Object[][] cases = {
                { 401, "", InitialStateException.Unauthorized.class, "refused the access key" },
                { 403, "ACCESS_DENIED_KEY", InitialStateException.Unauthorized.class, "check accessKey" },
                { 402, "{\"message\":\"Event limit exceeded for current cycle\"}", InitialStateException.QuotaExceeded.class,
                        "event limit for the current cycle" },
                { 413, "", InitialStateException.PayloadTooLarge.class, "larger than Initial State accepts" },
                { 400, "{\"message\":{\"error\":{\"type\":\"BUCKET_REMOVED\",\"message\":\"Bucket was deleted\"}}}",
                        InitialStateException.BadRequest.class, "belonged to a bucket that was deleted" } };
        for (Object[] c : cases) {
            wireMock.resetAll();
            wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus((int) c[0])
                    .withBody((String) c[1])));
            Exchange out = send("maxRetries=3", 1);
            InitialStateException e = (InitialStateException) assertInstanceOf((Class<?>) c[2], out.getException());
            assertEquals((int) c[0], e.getStatusCode());
            assertTrue(e.getMessage().contains((String) c[3]), e.getMessage());
            assertEquals(1, events().size(), "HTTP " + c[0] + " is not retried");
        }
    }

    @Test
    void theRemovedBucketErrorCarriesTheServersType() {
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":{\"error\":{\"type\":\"BUCKET_REMOVED\",\"message\":\"gone\"}}}")));
        InitialStateException.BadRequest e = assertInstanceOf(InitialStateException.BadRequest.class,
                send("", 1).getException());
        assertEquals("BUCKET_REMOVED", e.getErrorType());
    }

    @Test
    void ioErrors5xxAnd429AreRetriedWithTheServersRetryAfter() {
        wireMock.stubFor(post(urlEqualTo("/api/events")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("busy"));
        wireMock.stubFor(post(urlEqualTo("/api/events")).inScenario("s").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        wireMock.stubFor(post(urlEqualTo("/api/events")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        Exchange out = send("maxRetries=3&retryMaxDelay=5000", 1);
        assertTrue(out.getException() == null, String.valueOf(out.getException()));
        assertEquals(3, events().size());
        assertTrue(sleeper.delays().contains(2000L), "waited Retry-After: " + sleeper.delays());
    }

    @Test
    void badValuesAreTypedErrorsNamingTheKeyBeforeAnythingIsSent() {
        stubEvents(204);
        Object[][] cases = {
                { "k".repeat(251), 1, "key", "251 characters" },
                { "k", "v".repeat(2001), "value of key 'k'", "2001 characters" },
                { "k", Double.NaN, "value of key 'k'", "finite numbers only" },
                { "k", Double.POSITIVE_INFINITY, "value of key 'k'", "finite numbers only" },
                { "k", Map.of("t", new Object()), "value of key 'dict_t'", "unsupported value type java.lang.Object" } };
        for (Object[] c : cases) {
            Exchange out = template.send(is("b", ""), e -> {
                e.getIn().setBody(c[1]);
                e.getIn().setHeader(InitialStateConstants.KEY, c[0]);
            });
            Exception ex = out.getException();
            InitialStateValidationException v = assertInstanceOf(InitialStateValidationException.class, ex,
                    String.valueOf(ex));
            assertEquals(c[2], v.getField());
            assertTrue(v.getMessage().contains((String) c[3]), v.getMessage());
        }
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("t", null);
        InitialStateValidationException v = assertInstanceOf(InitialStateValidationException.class,
                template.send(is("b", ""), e -> e.getIn().setBody(withNull)).getException());
        assertEquals("value of key 'dict_t'", v.getField());
        InitialStateValidationException noKey = assertInstanceOf(InitialStateValidationException.class,
                template.send(is("b", ""), e -> e.getIn().setBody(1)).getException());
        assertEquals("key", noKey.getField());
        assertEquals(0, events().size());
    }

    @Test
    void requestsOfOneAccessKeyAreSpacedByMaxRequestsPerSecondAcrossEndpoints() {
        stubEvents(204);
        template.sendBody(is("a", "key=k&maxRequestsPerSecond=2"), 1);
        template.sendBody(is("b", "key=k&maxRequestsPerSecond=2"), 2);
        template.sendBody(is("a", "key=k&maxRequestsPerSecond=2"), 3);
        List<Long> waits = sleeper.delays();
        assertEquals(2, waits.size(), waits.toString());
        assertTrue(waits.get(0) > 400 && waits.get(0) <= 500, waits.toString());
        assertTrue(waits.get(1) > 900 && waits.get(1) <= 1000, waits.toString());
    }

    @Test
    void theStrictestRateOfTheEndpointsOfOneKeyApplies() {
        stubEvents(204);
        template.sendBody(is("a", "key=k&maxRequestsPerSecond=100"), 1);
        template.sendBody(is("b", "key=k&maxRequestsPerSecond=2"), 2);
        template.sendBody(is("a", "key=k&maxRequestsPerSecond=100"), 3);
        List<Long> waits = sleeper.delays();
        assertTrue(waits.size() >= 1 && waits.get(waits.size() - 1) > 400, "paced at 2 per second: " + waits);
    }

    @Test
    void theServersRateLimitHeadersSlowThePacerDown() {
        long reset = System.currentTimeMillis() / 1000 + 10;
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(204)
                .withHeader("X-RateLimit-Limit", "2").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))));
        String uri = is("paced", "key=k&maxRequestsPerSecond=100&retryMaxDelay=30000");
        template.sendBody(uri, 1);
        template.sendBody(uri, 2);
        List<Long> waits = sleeper.delays();
        assertEquals(1, waits.size(), waits.toString());
        assertTrue(waits.get(0) > 8000 && waits.get(0) <= 11000, "waited until the window reset: " + waits);
    }

    @Test
    void theAccessKeyNeverReachesALogLineTheUriToStringOrAnException() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(401)));
        try (LogCapture logs = LogCapture.start()) {
            Exchange out = send("maxRetries=1", 1);
            InitialStateEndpoint endpoint = (InitialStateEndpoint) context.getEndpoints().stream()
                    .filter(InitialStateEndpoint.class::isInstance).findFirst().orElseThrow();
            for (String text : List.of(URISupport.sanitizeUri(endpoint.getEndpointUri()),
                    endpoint.toString(),
                    endpoint.getConfiguration().toString(), String.valueOf(out.getException()),
                    String.join("\n", logs.lines()))) {
                assertFalse(text.contains(ACCESS_KEY), text);
            }
            assertTrue(endpoint.getConfiguration().toString().contains("accessKey=******"));
        }
    }

    @Test
    void aMissingAccessKeyOrBadBucketKeyFailsTheEndpoint() {
        for (String uri : List.of("initialstate:b?baseUrl=" + wireMockUrl(), "initialstate:a:b?accessKey=x",
                "initialstate:" + "b".repeat(251) + "?accessKey=x")) {
            Exception e = Assertions.assertThrows(Exception.class, () -> context.getEndpoint(uri).init());
            assertTrue(ObjectHelper.getException(InitialStateValidationException.class, e) != null,
                    uri + ": " + e);
        }
        assertTrue(Map.of().isEmpty());
    }
}
