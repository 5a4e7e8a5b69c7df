package io.cameltelemetry.archfx;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.test.CatalogAssertions;
import io.cameltelemetry.test.LogCapture;
import io.cameltelemetry.test.SecretAssertions;
import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog model documents everything and marks credentials secret; password and tokens never leak. */
class ArchFxMetadataTest extends ArchFxTestSupport {

    @Test
    void everyOptionAndHeaderIsDescribedAndCredentialsAreSecret() throws Exception {
        JsonNode model = CatalogAssertions.load("META-INF/io/cameltelemetry/archfx/archfx.json");
        assertEquals("archfx:operation", model.get("component").get("syntax").asText());
        assertFalse(model.get("component").get("producerOnly").asBoolean());
        CatalogAssertions.assertCatalog(model, ArchFxEndpoint.class, ArchFxConfiguration.class, ArchFxComponent.class);
        JsonNode props = model.get("properties");
        for (String secret : List.of("password", "token", "email")) {
            assertTrue(props.get(secret).get("secret").asBoolean(), secret);
        }
        assertEquals("https://arch.archfx.io", props.get("baseUrl").get("defaultValue").asText());
        assertEquals("jwt", props.get("tokenType").get("defaultValue").asText());
        assertEquals("10000", props.get("maxReadingsPerReport").get("defaultValue").asText());
        assertEquals("256", props.get("streamer").get("defaultValue").asText());
        assertEquals("65535", props.get("selector").get("defaultValue").asText());
        for (String header : List.of("CamelArchFxReportId", "CamelArchFxSentTimestamp", "CamelArchFxReadingCount",
                "CamelArchFxLowestId", "CamelArchFxHighestId", "CamelArchFxAcceptedCount", "CamelArchFxStream",
                "CamelArchFxTimestamp", "CamelArchFxQuery", "CamelArchFxDataId")) {
            assertTrue(model.get("headers").has(header), header);
        }
    }

    @Test
    void passwordAndTokensNeverReachALogLineTheUriToStringOrAnException() throws Exception {
        stubLogin("Secret-Jwt-Token-77", "Secret-Refresh-88");
        wireMock.stubFor(get(urlEqualTo("/api/v1/org/")).willReturn(aResponse().withStatus(503)));
        try (LogCapture logs = LogCapture.start()) {
            Exchange out = template.send(archfx("api", "resource=org&maxRetries=1"), e -> {
            });
            ArchFxEndpoint endpoint = context.getEndpoints().stream().filter(ArchFxEndpoint.class::isInstance)
                    .map(ArchFxEndpoint.class::cast).findFirst().orElseThrow();
            String session = String.valueOf(endpoint.client().http());
            context.stop();
            for (String text : List.of(URISupport.sanitizeUri(endpoint.getEndpointUri()), endpoint.toString(),
                    endpoint.getConfiguration().toString(), SecretAssertions.chain(out.getException()), session,
                    String.join("\n", logs.lines()))) {
                SecretAssertions.assertNoSecret("text", text, PASSWORD, "Secret-Jwt-Token-77", "Secret-Refresh-88");
            }
            assertTrue(endpoint.getConfiguration().toString().contains("password=******"));
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("/api/v1/org/")), "DEBUG lines were captured");
        }
    }
}
