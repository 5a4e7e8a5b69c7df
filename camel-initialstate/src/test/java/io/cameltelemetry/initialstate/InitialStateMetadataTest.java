package io.cameltelemetry.initialstate;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.test.CatalogAssertions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated catalog model documents everything and marks the access key secret. */
class InitialStateMetadataTest {

    @Test
    void everyOptionAndHeaderIsDescribedAndTheAccessKeyIsSecret() throws Exception {
        JsonNode model = CatalogAssertions.load("META-INF/io/cameltelemetry/initialstate/initialstate.json");
        assertEquals("initialstate:bucketKey", model.get("component").get("syntax").asText());
        assertTrue(model.get("component").get("producerOnly").asBoolean());
        CatalogAssertions.assertCatalog(model, InitialStateEndpoint.class, InitialStateConfiguration.class,
                InitialStateComponent.class);
        JsonNode props = model.get("properties");
        assertTrue(props.get("accessKey").get("secret").asBoolean());
        assertEquals("500", props.get("maxEventsPerRequest").get("defaultValue").asText());
        assertEquals(3.0, props.get("maxRequestsPerSecond").get("defaultValue").asDouble());
        assertEquals("https://groker.init.st", props.get("baseUrl").get("defaultValue").asText());
        assertTrue(props.get("bucketKey").get("required").asBoolean());
    }

    @Test
    void camelFindsTheComponentAndItsConfigurers() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertTrue(context.getComponent("initialstate") instanceof InitialStateComponent);
            InitialStateEndpoint endpoint = context.getEndpoint("initialstate:b?accessKey=k&maxEventsPerRequest=7"
                    + "&spillReplayInterval=5s",
                    InitialStateEndpoint.class);
            assertEquals(7, endpoint.getConfiguration().getMaxEventsPerRequest());
            assertEquals(5000, endpoint.getConfiguration().getSpillReplayInterval());
        }
    }
}
