package io.cameltelemetry.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.cameltelemetry.examples.sandbox.InitialStateSandbox;
import io.cameltelemetry.initialstate.InitialStateAggregationStrategy;
import io.cameltelemetry.initialstate.InitialStateConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java examples of initialstate-component.adoc, run against the Initial State sandbox. */
class InitialStateDocExamplesTest {

    @TempDir
    Path dir;

    private InitialStateSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new InitialStateSandbox().start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        var component = context.getComponent("initialstate", io.cameltelemetry.initialstate.InitialStateComponent.class);
        component.getConfiguration().setBaseUrl(sandbox.baseUrl());
        component.getConfiguration().setAccessKey(InitialStateSandbox.DEFAULT_ACCESS_KEY);
        return context;
    }

    @Test
    void logAValueAndAnObject() throws Exception {
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::logValue[]
                    from("direct:temperature")
                            .setHeader(InitialStateConstants.KEY, constant("temperature"))
                            .to("initialstate:greenhouse?bucketName=Greenhouse"); // one event, stamped now
                    // end::logValue[]
                    // tag::logObject[]
                    from("direct:climate")
                            .setHeader(InitialStateConstants.KEY_PREFIX, constant("zone1"))
                            .to("initialstate:greenhouse"); // a Map: one event per entry, keys zone1_<name>
                    // end::logObject[]
                    // @formatter:on
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:temperature", 21.5);
            template.sendBody("direct:climate", Map.of("humidity", 70, "vents", "open"));
            Map<String, InitialStateSandbox.Stream> bucket = sandbox.bucket("greenhouse");
            assertEquals(21.5, ((Number) bucket.get("temperature").lastValue()).doubleValue());
            assertEquals(70, ((Number) bucket.get("zone1_humidity").lastValue()).intValue());
            assertEquals("open", bucket.get("zone1_vents").lastValue());
        }
    }

    @Test
    void bufferAndFlushOnStop() throws Exception {
        try (CamelContext context = context()) {
            String spill = dir.resolve("spill").toString();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::buffer[]
                    from("direct:events")
                            .aggregate(constant(true), new InitialStateAggregationStrategy())
                                .completionSize(10)             // ISStreamer's buffer_size
                                .completionInterval(5_000)      // and a flush every 5 s
                                .forceCompletionOnStop()        // close(): nothing left behind
                            .to("initialstate:greenhouse?spillDirectory=" + spill);
                    // end::buffer[]
                    // @formatter:on
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (int i = 0; i < 13; i++) {
                template.sendBodyAndHeader("direct:events", i, InitialStateConstants.KEY, "counter");
            }
            await().until(() -> sandbox.eventCount() == 10);
            context.stop();
            assertEquals(13, sandbox.eventCount());
            assertEquals(13, sandbox.bucket("greenhouse").get("counter").count());
            assertTrue(!Files.exists(Path.of(spill)) || Files.list(Path.of(spill)).allMatch(p -> p.endsWith(".lock")));
        }
    }

    @Test
    void severalBuckets() throws Exception {
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::buckets[]
                    from("direct:pumps")
                            .setHeader(InitialStateConstants.BUCKET_KEY, simple("pump-${header.pump}"))
                            .setHeader(InitialStateConstants.BUCKET_NAME, simple("Pump ${header.pump}"))
                            .setHeader(InitialStateConstants.KEY, constant("pressure"))
                            .to("initialstate:greenhouse"); // like set_bucket: each pump its own bucket
                    // end::buckets[]
                    // @formatter:on
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBodyAndHeader("direct:pumps", 1.2, "pump", "north");
            template.sendBodyAndHeader("direct:pumps", 1.4, "pump", "south");
            assertEquals(1.2, ((Number) sandbox.bucket("pump-north").get("pressure").lastValue()).doubleValue());
            assertEquals(1.4, ((Number) sandbox.bucket("pump-south").get("pressure").lastValue()).doubleValue());
        }
    }
}
