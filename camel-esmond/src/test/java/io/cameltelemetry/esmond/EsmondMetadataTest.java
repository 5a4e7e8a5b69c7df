package io.cameltelemetry.esmond;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.test.CatalogAssertions;
import io.cameltelemetry.test.LogCapture;
import io.cameltelemetry.test.SecretAssertions;
import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog model documents everything and marks credentials secret; the api key never leaks. */
class EsmondMetadataTest extends EsmondTestSupport {

    @Test
    void everyOptionAndHeaderIsDescribedAndCredentialsAreSecret() throws Exception {
        JsonNode model = CatalogAssertions.load("META-INF/io/cameltelemetry/esmond/esmond.json");
        assertEquals("esmond:operation", model.get("component").get("syntax").asText());
        assertFalse(model.get("component").get("producerOnly").asBoolean());
        CatalogAssertions.assertCatalog(model, EsmondEndpoint.class, EsmondConfiguration.class, EsmondComponent.class);
        JsonNode props = model.get("properties");
        assertTrue(props.get("apiKey").get("secret").asBoolean());
        assertTrue(props.get("username").get("secret").asBoolean());
        assertEquals("esmond", props.get("scriptAlias").get("defaultValue").asText());
        assertEquals("1000", props.get("pageSize").get("defaultValue").asText());
        assertEquals("filter.", props.get("filter").get("prefix").asText());
        for (String option : List.of("source", "destination", "measurementAgent", "inputSource", "inputDestination",
                "toolName", "subjectType", "eventType", "summaryType", "summaryWindow", "startTime", "endTime",
                "timeRange", "dnsMatchRule", "metadataKey", "stateRepository", "streaming", "maxRetries",
                "retryInitialDelay", "retryMaxDelay", "connectTimeout", "requestTimeout", "sslContextParameters")) {
            assertTrue(props.has(option), option);
        }
        for (String header : List.of("CamelEsmondMetadataKey", "CamelEsmondEventType", "CamelEsmondTimestamp",
                "CamelEsmondSource", "CamelEsmondDestination")) {
            assertTrue(model.get("headers").has(header), header);
        }
    }

    @Test
    void camelBindsTheOptionsIncludingFreeFormFilters() throws Exception {
        EsmondEndpoint endpoint = context.getEndpoint("esmond:metadata?baseUrl=http://h:8085&scriptAlias="
                + "&filter.bw-parallel-streams=2&filter.ip-transport-protocol=tcp&summaryWindow=86400&requestTimeout=5s",
                EsmondEndpoint.class);
        assertEquals("", endpoint.getConfiguration().getScriptAlias() == null
                ? ""
                : endpoint.getConfiguration().getScriptAlias());
        assertEquals("2", String.valueOf(endpoint.getConfiguration().getFilter().get("bw-parallel-streams")));
        assertEquals(86400L, endpoint.getConfiguration().getSummaryWindow());
        assertEquals(5000, endpoint.getConfiguration().getRequestTimeout());
    }

    @Test
    void theApiKeyNeverReachesALogLineTheUriToStringOrAnException() throws Exception {
        wireMock.stubFor(post(urlEqualTo(ARCHIVE)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Invalid token.\"}")));
        wireMock.stubFor(post(urlEqualTo(ARCHIVE + MK + "/throughput/base")).willReturn(aResponse().withStatus(503)));
        try (LogCapture logs = LogCapture.start()) {
            Exchange out = template.send(esmondAuth("postMetadata", "maxRetries=1"),
                    e -> e.getIn().setBody("{\"subject-type\": \"network-element\", \"source\": \"10.0.0.1\", "
                            + "\"measurement-agent\": \"10.0.0.1\", \"input-source\": \"h\", \"tool-name\": \"t\", "
                            + "\"event-types\": []}"));
            Exchange out2 = template.send(esmondAuth("postData", "maxRetries=1&eventType=throughput&metadataKey=" + MK),
                    e -> e.getIn().setBody(java.util.Map.of("ts", 1, "val", 1)));
            EsmondEndpoint endpoint = context.getEndpoints().stream().filter(EsmondEndpoint.class::isInstance)
                    .map(EsmondEndpoint.class::cast).findFirst().orElseThrow();
            context.stop();
            List<String> lines = logs.lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("/esmond/perfsonar/archive/")), "DEBUG lines were captured");
            for (String text : List.of(URISupport.sanitizeUri(endpoint.getEndpointUri()), endpoint.toString(),
                    endpoint.getConfiguration().toString(), SecretAssertions.chain(out.getException()),
                    SecretAssertions.chain(out2.getException()), String.join("\n", lines))) {
                SecretAssertions.assertNoSecret("text", text, API_KEY);
            }
            assertTrue(endpoint.getConfiguration().toString().contains("apiKey=******"),
                    endpoint.getConfiguration().toString());
            assertTrue(requests().stream().allMatch(r -> !r.getUrl().contains(API_KEY)), "never in a URL");
        }
    }
}
