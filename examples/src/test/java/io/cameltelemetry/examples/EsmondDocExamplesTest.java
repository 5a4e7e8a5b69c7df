package io.cameltelemetry.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.esmond.EsmondAggregationStrategy;
import io.cameltelemetry.esmond.EsmondComponent;
import io.cameltelemetry.esmond.EsmondConstants;
import io.cameltelemetry.esmond.EsmondException;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondEventType;
import io.cameltelemetry.esmond.model.EsmondHistogram;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummary;
import io.cameltelemetry.examples.sandbox.EsmondSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java and YAML examples of esmond-component.adoc, run against the esmond sandbox. */
class EsmondDocExamplesTest {

    private EsmondSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new EsmondSandbox().start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        EsmondComponent esmond = context.getComponent("esmond", EsmondComponent.class);
        esmond.getConfiguration().setBaseUrl(sandbox.url());
        esmond.getConfiguration().setUsername(EsmondSandbox.DEFAULT_USERNAME);
        esmond.getConfiguration().setApiKey(EsmondSandbox.DEFAULT_API_KEY);
        return context;
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryByFiltersAndWalkEventTypesAndSummaries() throws Exception {
        List<String> walked = new ArrayList<>();
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::metadata[]
                    from("direct:owamp-tests")
                            .to("esmond:metadata?toolName=powstream&source=198.51.100.10&eventType=histogram-owdelay"
                                    + "&startTime=2014-02-05T00:00:00Z&dnsMatchRule=only-v4")
                            .log("${header.CamelEsmondMetadataCount} owamp series"); // body: List<EsmondMetadata>
                    // end::metadata[]
                    // tag::walk[]
                    from("direct:walk")
                            .to("esmond:metadata?source=198.51.100.10")
                            .process(exchange -> {
                                @SuppressWarnings("unchecked")
                                List<EsmondMetadata> all = exchange.getIn().getBody(List.class);
                                for (EsmondMetadata m : all) {
                                    for (EsmondEventType et : m.getEventTypes()) {
                                        walked.add(m.getMetadataKey() + " " + et.getEventType() + " "
                                                + et.getDataType() + " updated " + et.getTimeUpdated());
                                        for (EsmondSummary s : et.getSummaries()) {
                                            // read it with esmond:data?summaryType=...&summaryWindow=...
                                            walked.add("  " + s.getSummaryType() + " " + s.getSummaryWindow() + " "
                                                    + s.getUri());
                                        }
                                    }
                                }
                            });
                    // end::walk[]
                    // @formatter:on
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Exchange out = template.request("direct:owamp-tests", e -> {
            });
            assertNull(out.getException());
            List<EsmondMetadata> found = out.getMessage().getBody(List.class);
            assertEquals(List.of(EsmondSandbox.OWAMP_KEY), found.stream().map(EsmondMetadata::getMetadataKey).toList());
            template.sendBody("direct:walk", null);
        }
        assertEquals(List.of(EsmondSandbox.OWAMP_KEY + " histogram-owdelay HISTOGRAM updated 1391615950",
                "  statistics 0 /esmond/perfsonar/archive/" + EsmondSandbox.OWAMP_KEY + "/histogram-owdelay/statistics/0",
                "  aggregation 86400 /esmond/perfsonar/archive/" + EsmondSandbox.OWAMP_KEY
                        + "/histogram-owdelay/aggregations/86400"),
                walked.subList(0, 3));
        assertTrue(walked.contains(EsmondSandbox.IPERF_KEY + " throughput INTEGER updated 1391606270"),
                String.valueOf(walked));
        assertEquals(9, walked.size(), String.valueOf(walked));
    }

    @Test
    void readHistograms() throws Exception {
        List<String> lines = new ArrayList<>();
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::histograms[]
                    from("direct:owdelay")
                            .to("esmond:data?eventType=histogram-owdelay&metadataKey=0CB19291FB6D40EAA1955376772BF5D2"
                                    + "&startTime=1391558400&endTime=1391616000")
                            .split(body()).streaming() // one EsmondDataPoint at a time, pages read as needed
                                .process(exchange -> {
                                    EsmondDataPoint point = exchange.getIn().getBody(EsmondDataPoint.class);
                                    @SuppressWarnings("unchecked")
                                    Map<String, Long> buckets = (Map<String, Long>) point.value(); // ms -> count
                                    long packets = buckets.values().stream().mapToLong(Long::longValue).sum();
                                    lines.add(point.timestamp() + " " + packets + " packets");
                                });
                    // end::histograms[]
                    // @formatter:on
                }
            });
            context.start();
            context.createProducerTemplate().sendBody("direct:owdelay", null);
        }
        assertEquals(960, lines.size());
        assertEquals("2014-02-05T00:00:10Z 600 packets", lines.get(0));
    }

    @Test
    void readHistogramsFast() throws Exception {
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::histogramsFast[]
                    from("direct:owdelay-fast")
                            .to("esmond:data?eventType=histogram-owdelay&metadataKey=0CB19291FB6D40EAA1955376772BF5D2"
                                    + "&startTime=1391558400&endTime=1391616000")
                            .process(exchange -> {
                                @SuppressWarnings("unchecked")
                                Iterator<EsmondDataPoint> points = exchange.getIn().getBody(Iterator.class);
                                long packets = 0;
                                while (points.hasNext()) { // pages are fetched as the iterator goes
                                    EsmondHistogram buckets = (EsmondHistogram) points.next().value();
                                    packets += buckets.total();
                                }
                                exchange.getIn().setBody(packets);
                            });
                    // end::histogramsFast[]
                    // @formatter:on
                }
            });
            context.start();
            long expected = 0;
            try (var in = EsmondSandbox.class.getResourceAsStream("/sandbox/esmond/data_histogram-owdelay.json")) {
                for (JsonNode point : new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get("body")) {
                    for (JsonNode count : point.get("val")) {
                        expected += count.asLong();
                    }
                }
            }
            assertTrue(expected > 960 * 100, String.valueOf(expected));
            assertEquals(expected, context.createProducerTemplate().requestBody("direct:owdelay-fast", null, Long.class));
        }
    }

    @Test
    void postMetadataPostDataAndBulk() throws Exception {
        try (CamelContext context = context()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::bulk[]
                    from("direct:measurements") // body: a value; headers CamelEsmondEventType, CamelEsmondTimestamp
                            .aggregate(header(EsmondConstants.METADATA_KEY), new EsmondAggregationStrategy())
                                .completionSize(100).completionTimeout(5000)
                            .to("esmond:bulk")
                            .log("${header.CamelEsmondPointCount} points in ${header.CamelEsmondRequestCount} PUTs");
                    // end::bulk[]
                    // @formatter:on
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            // tag::postMetadata[]
            EsmondMetadata test = new EsmondMetadata().setSubjectType("point-to-point").setSource("10.10.0.1")
                    .setDestination("10.10.0.2").setMeasurementAgent("10.10.0.1").setInputSource("host1.example.net")
                    .setInputDestination("host2.example.net").setToolName("bwctl/iperf3")
                    .setParameter("time-duration", 30).setParameter("ip-transport-protocol", "tcp")
                    .addEventType("throughput")
                    .addSummary("packet-count-sent", "aggregation", 3600, 86400)
                    .addEventType("packet-loss-rate")
                    .addEventType("histogram-rtt");
            Exchange registered = template.request("esmond:postMetadata", e -> e.getIn().setBody(test));
            String metadataKey = registered.getMessage().getHeader(EsmondConstants.METADATA_KEY, String.class);
            // end::postMetadata[]
            assertNull(registered.getException());
            assertEquals(32, metadataKey.length());
            // idempotent: the same metadata again is the same key
            assertEquals(metadataKey, template.request("esmond:postMetadata", e -> e.getIn().setBody(test)).getMessage()
                    .getHeader(EsmondConstants.METADATA_KEY));

            // tag::postData[]
            template.send("esmond:postData?eventType=throughput", e -> {
                e.getIn().setHeader(EsmondConstants.METADATA_KEY, metadataKey);
                e.getIn().setBody(List.of(EsmondDataPoint.of(1397075053, 9_400_000_000L), // bits per second
                        EsmondDataPoint.of(1397075113, 9_500_000_000L)));
            });
            template.send("esmond:postData?eventType=packet-loss-rate", e -> {
                e.getIn().setHeader(EsmondConstants.METADATA_KEY, metadataKey);
                e.getIn().setHeader(EsmondConstants.TIMESTAMP, 1397075053L);
                e.getIn().setBody(Map.of("numerator", 11, "denominator", 33)); // read back as the ratio 0.333...
            });
            // end::postData[]
            Exchange duplicate = template.send("esmond:postData?eventType=throughput", e -> {
                e.getIn().setHeader(EsmondConstants.METADATA_KEY, metadataKey);
                e.getIn().setBody(EsmondDataPoint.of(1397075053, 1L));
            });
            EsmondException.Conflict conflict = assertInstanceOf(EsmondException.Conflict.class,
                    duplicate.getException());
            assertEquals(1397075053L, conflict.getTs());

            for (Object[] m : new Object[][]{ { "histogram-rtt", Map.of("0.45", 10, "0.50", 2) },
                    { "packet-count-sent", 600 }, { "throughput", 9_600_000_000L } }) {
                template.send("direct:measurements", e -> {
                    e.getIn().setHeader(EsmondConstants.METADATA_KEY, metadataKey);
                    e.getIn().setHeader(EsmondConstants.EVENT_TYPE, m[0]);
                    e.getIn().setHeader(EsmondConstants.TIMESTAMP, Instant.ofEpochSecond(1397075173));
                    e.getIn().setBody(m[1]);
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.points(metadataKey, "histogram-rtt", "base", 0)
                    .size() == 1);
            List<Map.Entry<Long, JsonNode>> throughput = sandbox.points(metadataKey, "throughput", "base", 0);
            assertEquals(List.of(1397075053L, 1397075113L, 1397075173L), throughput.stream().map(Map.Entry::getKey)
                    .toList());
            assertEquals(9_600_000_000L, throughput.get(2).getValue().asLong());
            assertEquals(600, sandbox.points(metadataKey, "packet-count-sent", "base", 0).get(0).getValue().asInt());
            assertEquals(600, sandbox.points(metadataKey, "packet-count-sent", "aggregations", 3600).get(0).getValue()
                    .asInt(), "the sandbox keeps the summaries");
            List<?> ratio = template.requestBodyAndHeader("esmond:data?eventType=packet-loss-rate&streaming=false"
                    + "&startTime=1397075053&endTime=1397075053", null, EsmondConstants.METADATA_KEY, metadataKey,
                    List.class);
            assertEquals(1.0 / 3, (Double) ((EsmondDataPoint) ratio.get(0)).value(), 1e-9);
        }
    }

    @Test
    void theYamlExamplesRun() throws Exception {
        try (CamelContext context = context()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveResource(context,
                    "file:" + Path.of("src/test/resources/docs/esmond-examples.yaml")));
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            List<?> found = template.requestBody("direct:find-iperf3", null, List.class);
            assertEquals(EsmondSandbox.IPERF_KEY, ((EsmondMetadata) found.get(0)).getMetadataKey());

            MockEndpoint histograms = context.getEndpoint("mock:histogram", MockEndpoint.class);
            histograms.expectedMessageCount(960);
            template.sendBody("direct:owdelay-histograms", null);
            histograms.assertIsSatisfied();

            List<?> daily = template.requestBody("direct:daily-owdelay", null, List.class);
            assertEquals(1391613631L, ((EsmondDataPoint) daily.get(0)).ts());

            Exchange registered = template.request("direct:register-test", e -> e.getIn().setBody("""
                    {"subject-type": "point-to-point", "source": "10.20.0.1", "destination": "10.20.0.2",
                     "measurement-agent": "10.20.0.1", "input-source": "a.example.net",
                     "input-destination": "b.example.net", "tool-name": "pscheduler/iperf3",
                     "bw-parallel-streams": 4,
                     "event-types": [{"event-type": "throughput", "summaries": []},
                                     {"event-type": "packet-retransmits", "summaries": []}]}"""));
            assertNull(registered.getException());
            String key = registered.getMessage().getHeader(EsmondConstants.METADATA_KEY, String.class);

            Exchange posted = template.request("direct:post-throughput", e -> {
                e.getIn().setHeader(EsmondConstants.METADATA_KEY, key);
                e.getIn().setHeader(EsmondConstants.TIMESTAMP, "2024-05-01T12:00:00Z");
                e.getIn().setBody("9400000000");
            });
            assertNull(posted.getException());
            assertEquals(1714564800L, sandbox.points(key, "throughput", "base", 0).get(0).getKey());

            MockEndpoint bulk = context.getEndpoint("mock:bulk-written", MockEndpoint.class);
            bulk.expectedMessageCount(1);
            for (Object[] m : new Object[][]{ { "throughput", 9_000_000_000L }, { "packet-retransmits", 3 },
                    { "throughput", 9_100_000_000L } }) {
                long ts = m[1].equals(9_100_000_000L) ? 1714564860L : 1714564830L;
                template.send("direct:bulk", e -> {
                    e.getIn().setHeader(EsmondConstants.METADATA_KEY, key);
                    e.getIn().setHeader(EsmondConstants.EVENT_TYPE, m[0]);
                    e.getIn().setHeader(EsmondConstants.TIMESTAMP, ts);
                    e.getIn().setBody(m[1]);
                });
            }
            bulk.assertIsSatisfied();
            assertEquals(3, bulk.getReceivedExchanges().get(0).getIn().getHeader(EsmondConstants.POINT_COUNT));
            assertEquals(3, sandbox.points(key, "throughput", "base", 0).size());
            assertEquals(3, sandbox.points(key, "packet-retransmits", "base", 0).get(0).getValue().asInt());
        }
    }
}
