package io.cameltelemetry.dcs;

import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.cameltelemetry.test.CatalogAssertions;
import io.cameltelemetry.test.LogCapture;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog model documents everything and marks credentials secret; the password never leaks. */
class DcsMetadataTest extends DcsTestSupport {

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|apikey|accesskey|token|secret|username).*");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // none
            }
        };
    }

    @Test
    void everyOptionAndHeaderIsDescribedAndCredentialsAreSecret() throws Exception {
        JsonNode model;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/cameltelemetry/dcs/dcs.json")) {
            assertNotNull(in);
            model = new ObjectMapper().readTree(in);
        }
        assertEquals("dcs:operation", model.get("component").get("syntax").asText());
        CatalogAssertions.assertCatalog(model, DcsEndpoint.class, DcsConfiguration.class, DcsComponent.class);
        assertTrue(model.get("properties").get("username").path("secret").asBoolean(), "username is a secret too");
        for (String option : List.of("id", "isVirtual", "startTime", "endTime", "periodCount", "periodType",
                "integrationPeriod",
                "calibrated", "interpolated", "format", "useLocalTime", "decimalPlaces", "source", "maxWindow", "streaming",
                "stateRepository", "apiVersion", "maxMessagesPerPoll")) {
            assertTrue(model.get("properties").has(option), option);
        }
        assertEquals("true", model.get("properties").get("calibrated").get("defaultValue").asText());
    }

    @Test
    void credentialsNeverReachALogLine() throws Exception {
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            stubSignIn();
            wireMock.stubFor(WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/DCSWebApi/meters"))
                    .willReturn(aResponse().withStatus(503)));
            template.send(dcsAuth("meters", false, "maxRetries=2"), e -> {
            });
            context.stop();
            lines = logs.lines();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("retry 1/2")), String.valueOf(lines));
        lines.forEach(l -> {
            assertFalse(l.contains(PASSWORD), l);
            assertFalse(l.contains(USER), l);
        });
    }

    @Test
    void thePasswordNeverShows() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/DCSWebApi/authentication/signin")).willReturn(aResponse().withStatus(400)
                .withBody("{\"details\": \"bad request\"}")));
        DcsEndpoint endpoint = (DcsEndpoint) context.getEndpoint(dcsAuth("meters", false, ""));
        assertFalse(endpoint.getConfiguration().toString().contains(PASSWORD));
        assertFalse(endpoint.toString().contains(PASSWORD), endpoint.toString());
        Exception error = template.send(endpoint, e -> {
        }).getException();
        assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
        assertFalse(endpoint.session().toString().contains(PASSWORD));
    }
}
