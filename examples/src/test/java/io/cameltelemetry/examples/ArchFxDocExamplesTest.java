package io.cameltelemetry.examples;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.archfx.ArchFxComponent;
import io.cameltelemetry.archfx.ArchFxConstants;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import io.cameltelemetry.archfx.slug.ArchFxParentSlug;
import io.cameltelemetry.archfx.slug.ArchFxStreamSlug;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.examples.sandbox.ArchFxSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java and YAML examples of archfx-component.adoc, run against the ArchFX sandbox. */
class ArchFxDocExamplesTest {

    private ArchFxSandbox sandbox;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() throws Exception {
        sandbox = new ArchFxSandbox().start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        // tag::login[]
        ArchFxComponent archfx = context.getComponent("archfx", ArchFxComponent.class);
        archfx.getConfiguration().setBaseUrl(sandbox.domain()); // https://<customer>.archfx.io
        archfx.getConfiguration().setEmail(ArchFxSandbox.DEFAULT_EMAIL);
        archfx.getConfiguration().setPassword(ArchFxSandbox.DEFAULT_PASSWORD); // logs in on the first request
        // reading and report ids survive a restart (archfx:report does not start without an id store)
        archfx.getConfiguration().setIdRepository(FileStateRepository.fileStateRepository(
                dataDir.resolve("archfx-ids.dat").toFile()));
        // end::login[]
        return context;
    }

    @Test
    @SuppressWarnings("unchecked")
    void listOrganisationsAndAMachinesDevices() throws Exception {
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::orgs[]
                    from("direct:orgs")
                            .to("archfx:api?resource=org&paginate=true&streaming=false") // every page: one List of Maps
                            .log("${body.size()} organisations");
                    // end::orgs[]
                    // tag::devices[]
                    from("direct:devices")
                            .setHeader(ArchFxConstants.RESOURCE, simple("machine/${body}/devices"))
                            .to("archfx:api");
                    // end::devices[]
                    // @formatter:on
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            List<Map<String, Object>> orgs = template.requestBody("direct:orgs", null, List.class);
            assertEquals(List.of("acme", "globex", "initech"), orgs.stream().map(o -> o.get("slug")).toList(),
                    "two pages");
            List<Map<String, Object>> devices = template.requestBody("direct:devices", "m--0000-0000-0000-0abc",
                    List.class);
            assertEquals(ArchFxSandbox.DEMO_DEVICE, devices.get(0).get("slug"));
        }
        assertEquals(1, sandbox.loginCount(), "one login for everything");
    }

    @Test
    void buildAndUploadAReport() throws Exception {
        try (CamelContext context = context()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            // tag::report[]
            ArchFxVariableId pressure = ArchFxVariableId.parse("0001-5051");
            List<ArchFxDataPoint> points = List.of(
                    new ArchFxDataPoint(Instant.parse("2024-05-01T08:00:00Z"), pressure, 2.0, Map.of("unit", "bar"),
                            null, 0),
                    ArchFxDataPoint.of(Instant.parse("2024-05-01T08:01:00Z"), pressure, 2.1));
            Exchange uploaded = template.request("archfx:report?device=d--0000-0000-0000-0abc", e -> e.getIn()
                    .setBody(points)); // reading ids from the component's idRepository; report id, sent time: now
            Long accepted = uploaded.getMessage().getHeader(ArchFxConstants.ACCEPTED_COUNT, Long.class);
            // end::report[]
            assertNull(uploaded.getException());
            assertEquals(2L, accepted);
            assertEquals(2, sandbox.readings().size());
            assertEquals("sl--0000-0001--0000-0000-0000-0abc--0001-5051", sandbox.readings().get(0).stream());
        }
    }

    @Test
    void slugs() {
        // tag::slugs[]
        ArchFxDeviceSlug device = ArchFxDeviceSlug.parse("d--0abc"); // d--0000-0000-0000-0abc
        ArchFxStreamSlug stream = ArchFxStreamSlug.of(ArchFxParentSlug.parse("pl--1"), device,
                ArchFxVariableId.of(1, 0x5051)); // sl--0000-0001--0000-0000-0000-0abc--0001-5051
        long reportDevice = device.id(); // 2748: what a report's device field carries
        // end::slugs[]
        assertEquals("d--0000-0000-0000-0abc", device.toString());
        assertEquals("sl--0000-0001--0000-0000-0000-0abc--0001-5051", stream.toString());
        assertEquals(2748, reportDevice);
        assertEquals("0000-0abc", stream.parts().device());
    }

    @Test
    void theYamlExamplesRun() throws Exception {
        try (CamelContext context = context()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
                    "file:" + Path.of("src/test/resources/docs/archfx-examples.yaml")));
            MockEndpoint stream = context.getEndpoint("mock:stream", MockEndpoint.class);
            stream.expectedBodiesReceived(1.5, 2.5);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            assertEquals(3, template.requestBody("direct:orgs", null, List.class).size());
            assertEquals(2, template.requestBody("direct:machine-devices", "m--0000-0000-0000-0abc", List.class)
                    .size());
            Exchange out = template.request("direct:upload-report", e -> e.getIn().setBody("""
                    [{"timestamp": "2024-05-01T10:00:00Z", "stream": "5051", "value": 1.5},
                     {"timestamp": "2024-05-01T10:00:01Z", "stream": 20561, "value": "2.5", "readingId": 7}]"""));
            assertNull(out.getException());
            assertEquals(2L, out.getMessage().getHeader(ArchFxConstants.ACCEPTED_COUNT));
            stream.assertIsSatisfied();
            assertTrue(stream.getReceivedExchanges().get(1).getIn().getHeader(ArchFxConstants.TIMESTAMP)
                    .equals(Instant.parse("2024-05-01T10:00:01Z")));
        }
    }
}
