package io.cameltelemetry.pylot;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.test.CatalogAssertions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated catalog model documents everything and marks every credential secret. */
class PylotMetadataTest {

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|apikey|accesskey|token|secret|username).*");

    private static JsonNode model() throws Exception {
        try (InputStream in = PylotMetadataTest.class.getResourceAsStream("/META-INF/io/cameltelemetry/pylot/pylot.json")) {
            assertNotNull(in, "pylot.json catalog model on the classpath");
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyOptionAndHeaderIsDescribedAndCredentialsAreSecret() throws Exception {
        JsonNode model = model();
        assertEquals("pylot:adapter", model.get("component").get("syntax").asText());
        assertTrue(model.get("component").get("producerOnly").asBoolean());
        CatalogAssertions.assertCatalog(model, PylotEndpoint.class, PylotConfiguration.class, PylotComponent.class);
        assertTrue(model.get("properties").get("username").path("secret").asBoolean(), "username is a secret too");
        JsonNode props = model.get("properties");
        assertEquals("450", props.get("maxRowsPerRequest").get("defaultValue").asText());
        assertEquals("5", props.get("maxRetries").get("defaultValue").asText());
        assertEquals("https://input-api.pylot.app", props.get("baseUrl").get("defaultValue").asText());
        for (String header : List.of(PylotConstants.NODE, PylotConstants.METRIC, PylotConstants.TIMESTAMP,
                PylotConstants.ROW_COUNT, PylotConstants.REQUEST_COUNT)) {
            assertTrue(model.get("headers").has(header), header);
        }
    }

    @Test
    void camelFindsTheGeneratedConfigurersUriFactoryAndCatalog() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertTrue(context.getComponent("pylot") instanceof PylotComponent);
            assertTrue(PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer("pylot-endpoint", context) instanceof PylotEndpointConfigurer);
            assertTrue(PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer("pylot-component", context) instanceof PylotComponentConfigurer);
            String built = context.getCamelContextExtension().getEndpointUriFactory("pylot")
                    .buildUri("pylot", Map.of("adapter", "demo", "node", "Zone1"), false);
            assertEquals("pylot:demo?node=Zone1", built);
        }
    }
}
