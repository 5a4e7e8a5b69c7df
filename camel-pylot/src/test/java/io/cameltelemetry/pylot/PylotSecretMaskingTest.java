package io.cameltelemetry.pylot;

import java.util.List;
import java.util.Map;

import io.cameltelemetry.test.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password never shows in toString, the endpoint URI Camel logs, log lines or exception text. */
class PylotSecretMaskingTest extends PylotTestSupport {

    private static final String SECRET = "Sup3rS3cretPw";
    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("secret-route")
                        .to("pylot:A?baseUrl=" + wireMockUrl() + "&username=user&password=RAW(" + SECRET
                                + ")&node=N&metric=m&maxRetries=2&retryInitialDelay=1");
            }
        };
    }

    @Test
    void passwordNeverLeaks() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements"))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"down\"}")));
        Exchange out;
        List<String> logLines;
        try (LogCapture logs = LogCapture.start()) {
            out = template.send("direct:send", e -> {
                e.getIn().setBody(1);
                e.getIn().setHeader(PylotConstants.TIMESTAMP, "2024-01-01T00:00:00");
            });
            logLines = logs.lines();
        }
        PylotException error = assertInstanceOf(PylotException.class, out.getException());
        assertEquals(3, requests().size());

        PylotEndpoint endpoint = context.getEndpoints().stream().filter(PylotEndpoint.class::isInstance)
                .map(PylotEndpoint.class::cast).findFirst().orElseThrow();
        String config = endpoint.getConfiguration().toString();
        assertFalse(config.contains(SECRET), config);
        assertTrue(config.contains("password=******"), config);
        assertFalse(endpoint.toString().contains(SECRET), endpoint.toString());
        assertFalse(endpoint.getClient().toString().contains(SECRET));
        assertFalse(error.getMessage().contains(SECRET), error.getMessage());
        assertFalse(error.getUri().contains(SECRET));
        assertFalse(String.valueOf(error.getResponseHeaders()).contains(SECRET));

        assertTrue(logLines.stream().anyMatch(l -> l.contains("retry 1/2")), "retries are logged: " + logLines);
        String basicToken = basic("user", SECRET).substring("Basic ".length());
        logLines.forEach(line -> {
            assertFalse(line.contains(SECRET), line);
            assertFalse(line.contains(basicToken), line);
        });
        // a WARN line that a user might paste into a ticket
        assertTrue(logLines.stream().anyMatch(l -> l.contains("HTTP 503")), String.valueOf(logLines));
        Map<String, String> headers = Map.of("Authorization", requests().get(0).getHeader("Authorization"));
        assertEquals(basic("user", SECRET), headers.get("Authorization"));
    }
}
