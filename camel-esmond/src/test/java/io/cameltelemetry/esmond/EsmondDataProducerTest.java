package io.cameltelemetry.esmond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondHistogramStatistics;
import io.cameltelemetry.esmond.model.EsmondSubinterval;
import io.cameltelemetry.esmond.model.EsmondTraceHop;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading data: each value type from the real fixtures, offset paging at a fixed window, summaries, streaming. */
class EsmondDataProducerTest extends EsmondTestSupport {

    private static final String WINDOW = "startTime=1391558400&endTime=1391616000";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").to(esmond("data", "eventType=histogram-owdelay&metadataKey=" + MK + "&" + WINDOW))
                        .split(body()).streaming().to("mock:point");
            }
        };
    }

    /** Stubs the metadata detail and a fixture's data at its recorded request. */
    private JsonNode stubFixture(String name, String key, String... eventTypes) throws Exception {
        JsonNode f = fixture(name);
        stubJson(ARCHIVE + key + "/", metadata(key, "10.0.0.1", "10.0.0.2", eventTypes));
        stubJson(f.get("request").asText().substring(4), f.get("body"));
        return f;
    }

    @SuppressWarnings("unchecked")
    private List<EsmondDataPoint> read(String options) {
        Exchange out = template.send(esmond("data", "streaming=false&" + options), e -> {
        });
        assertNull(out.getException(), () -> String.valueOf(out.getException()));
        return out.getMessage().getBody(List.class);
    }

    @Test
    void integerTypesComeAsLongsAtTheirSecondsWithTheFixturesCounts() throws Exception {
        String[][] cases = { { "data_throughput", THROUGHPUT_MK, "throughput" },
                { "data_packet-count-lost", MK, "packet-count-lost" },
                { "data_packet-count-sent", MK, "packet-count-sent" },
                { "data_packet-duplicates", MK, "packet-duplicates" } };
        for (String[] c : cases) {
            wireMock.resetAll();
            JsonNode f = stubFixture(c[0], c[1], c[2]);
            List<EsmondDataPoint> points = read("eventType=" + c[2] + "&metadataKey=" + c[1] + "&" + WINDOW);
            JsonNode expected = f.get("expected");
            assertEquals(expected.get("count").asInt(), points.size(), c[0]);
            assertEquals(expected.get("first_ts").asLong(), points.get(0).ts(), c[0]);
            assertEquals(expected.get("last_ts").asLong(), points.get(points.size() - 1).ts(), c[0]);
            for (int i = 0; i < points.size(); i++) {
                EsmondDataPoint p = points.get(i);
                Long value = assertInstanceOf(Long.class, p.value(), c[0]);
                assertEquals(f.get("body").get(i).get("val").asDouble(), value.doubleValue(), c[0]);
                assertEquals(c[2], p.eventType());
                assertEquals(c[1], p.metadataKey());
            }
            List<String> urls = requests().stream().map(r -> r.getUrl()).toList();
            assertEquals(List.of(ARCHIVE + c[1] + "/", f.get("request").asText().substring(4)), urls,
                    "the metadata, then the fixture's request");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void histogramsComeAsBucketCountMapsInTheirOrder() throws Exception {
        for (String name : new String[]{ "data_histogram-owdelay", "data_histogram-ttl" }) {
            wireMock.resetAll();
            String eventType = name.substring(5);
            JsonNode f = stubFixture(name, MK, eventType);
            List<EsmondDataPoint> points = read("eventType=" + eventType + "&metadataKey=" + MK + "&" + WINDOW);
            assertEquals(f.get("expected").get("count").asInt(), points.size());
            Map<String, Long> first = (Map<String, Long>) assertInstanceOf(Map.class, points.get(0).value());
            List<String> buckets = new ArrayList<>();
            f.get("body").get(0).get("val").fieldNames().forEachRemaining(buckets::add);
            assertEquals(buckets, new ArrayList<>(first.keySet()), "bucket order as sent");
            for (String b : buckets) {
                assertEquals(f.get("body").get(0).get("val").get(b).asLong(), first.get(b));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSummaryIsReadFromTheLinkTheServerGave() throws Exception {
        JsonNode f = fixture("data_histogram-owdelay_aggregation_86400");
        Map<String, Object> m = metadata(MK, "10.0.0.1", "10.0.0.2", "histogram-owdelay");
        // the server's summary link is what is followed, even where it differs from what we would build
        ((List<Map<String, Object>>) ((List<Map<String, Object>>) m.get("event-types")).get(0).get("summaries"))
                .set(0, Map.of("summary-type", "aggregation", "summary-window", "86400", "uri",
                        "/esmond/perfsonar/archive/" + MK + "/histogram-owdelay/aggregations/86400"));
        stubJson(ARCHIVE + MK + "/", m);
        stubJson(f.get("request").asText().substring(4), f.get("body"));
        List<EsmondDataPoint> points = read("eventType=histogram-owdelay&summaryType=aggregation&summaryWindow=86400"
                + "&metadataKey=" + MK + "&" + WINDOW);
        assertEquals(1, points.size());
        assertEquals(1391613631L, points.get(0).ts());
        assertEquals(206173L, ((Map<String, Long>) points.get(0).value()).get("623"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void statisticsPercentagesSubintervalsTracesAndOtherJsonAreTyped() throws Exception {
        Map<String, Object> m = metadata(MK, "10.0.0.1", "10.0.0.2", "histogram-rtt", "packet-loss-rate",
                "throughput-subintervals", "packet-trace", "pscheduler-raw", "ntp-offset");
        ((List<Map<String, Object>>) m.get("event-types")).get(0).put("summaries",
                List.of(Map.of("summary-type", "statistics", "summary-window", "0", "uri",
                        ARCHIVE + MK + "/histogram-rtt/statistics/0")));
        stubJson(ARCHIVE + MK + "/", m);
        String q = "?time-start=1391558400&time-end=1391616000&limit=1000";
        stubJson(ARCHIVE + MK + "/histogram-rtt/statistics/0" + q, "[{\"ts\": 1391558410, \"val\": {\"minimum\": \"0.3\","
                + " \"maximum\": \"1.2\", \"mean\": 0.5, \"median\": 0.45, \"mode\": [\"0.4\"], \"percentile-25\": 0.4,"
                + " \"percentile-75\": 0.6, \"percentile-95\": 1.0, \"standard-deviation\": 0.1, \"variance\": 0.01}}]");
        stubJson(ARCHIVE + MK + "/packet-loss-rate/base" + q, "[{\"ts\": 1391558410, \"val\": 0.0466}]");
        stubJson(ARCHIVE + MK + "/throughput-subintervals/base" + q, "[{\"ts\": 1391558410, \"val\": [{\"start\": "
                + "\"0.000000\", \"duration\": \"1.000000\", \"val\": 9.4e8}, {\"start\": \"1.000000\", \"duration\": "
                + "\"1.000000\", \"val\": 9.5e8}]}]");
        stubJson(ARCHIVE + MK + "/packet-trace/base" + q, "[{\"ts\": 1391558410, \"val\": [{\"ttl\": \"1\", \"query\": "
                + "\"1\", \"ip\": \"10.0.0.254\", \"rtt\": \"0.4\", \"mtu\": \"9000\", \"success\": \"1\", "
                + "\"error_message\": null}]}]");
        stubJson(ARCHIVE + MK + "/pscheduler-raw/base" + q, "[{\"ts\": 1391558410, \"val\": {\"any\": [1, 2]}}]");
        stubJson(ARCHIVE + MK + "/ntp-offset/base" + q, "[{\"ts\": 1391558410, \"val\": 3}]");

        EsmondHistogramStatistics stats = assertInstanceOf(EsmondHistogramStatistics.class,
                read("eventType=histogram-rtt&summaryType=statistics&summaryWindow=0&metadataKey=" + MK + "&" + WINDOW)
                        .get(0).value());
        assertEquals(0.3, stats.minimum());
        assertEquals(1.2, stats.maximum());
        assertEquals(List.of(0.4), stats.mode());
        assertEquals(1.0, stats.percentile95());
        assertEquals(0.0466, read("eventType=packet-loss-rate&metadataKey=" + MK + "&" + WINDOW).get(0).value());
        List<EsmondSubinterval> subs = (List<EsmondSubinterval>) read("eventType=throughput-subintervals&metadataKey="
                + MK + "&" + WINDOW).get(0).value();
        assertEquals(new EsmondSubinterval("1.000000", "1.000000", 9.5e8), subs.get(1));
        List<EsmondTraceHop> hops = (List<EsmondTraceHop>) read("eventType=packet-trace&metadataKey=" + MK + "&"
                + WINDOW).get(0).value();
        assertEquals(new EsmondTraceHop("1", "1", "10.0.0.254", "0.4", "9000", "1", null), hops.get(0));
        JsonNode raw = assertInstanceOf(JsonNode.class, read("eventType=pscheduler-raw&metadataKey=" + MK + "&"
                + WINDOW).get(0).value());
        assertEquals(2, raw.get("any").get(1).asInt());
        assertEquals(3.0, read("eventType=ntp-offset&metadataKey=" + MK + "&" + WINDOW).get(0).value(),
                "float types are Doubles");
    }

    @Test
    void pagesUseOffsetAtAFixedWindowSoPointsSharingASecondAtABoundaryAreAllRead() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "histogram-owdelay"));
        // 7 points, 5 of them in second 1391558410, pages of 3: the second spans both page boundaries
        String base = ARCHIVE + MK + "/histogram-owdelay/base?time-start=1391558400&time-end=1391616000&limit=3";
        stubJson(base, "[{\"ts\":1391558401,\"val\":{\"1\":1}},{\"ts\":1391558410,\"val\":{\"1\":2}},"
                + "{\"ts\":1391558410,\"val\":{\"1\":3}}]");
        stubJson(base + "&offset=3", "[{\"ts\":1391558410,\"val\":{\"1\":4}},{\"ts\":1391558410,\"val\":{\"1\":5}},"
                + "{\"ts\":1391558410,\"val\":{\"1\":6}}]");
        stubJson(base + "&offset=6", "[{\"ts\":1391558420,\"val\":{\"1\":7}}]");
        List<EsmondDataPoint> points = read("eventType=histogram-owdelay&pageSize=3&metadataKey=" + MK + "&" + WINDOW);
        List<Long> counts = points.stream().map(p -> ((Map<?, ?>) p.value()).get("1")).map(Long.class::cast).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), counts);
        assertEquals(4, requests().size(), "metadata + 3 pages");
    }

    @Test
    void anOpenWindowIsFixedAtNowAndEveryMatchingMetadatasSeriesIsRead() throws Exception {
        stubJson(ARCHIVE + "?event-type=throughput&source=10.0.0.1&limit=1000".replace("?event-type=throughput&source=",
                "?source=").replace("&limit", "&event-type=throughput&limit"), List.of(
                        metadata("AAA", "10.0.0.1", "10.0.0.2", "throughput"),
                        metadata("BBB", "10.0.0.1", "10.0.0.3", "packet-count-lost"),
                        metadata("CCC", "10.0.0.1", "10.0.0.4", "throughput")));
        stubJson(ARCHIVE + "AAA/throughput/base?time-start=1391612400&time-end=1391616000&limit=1000",
                "[{\"ts\":1391612500,\"val\":9.0e9}]");
        stubJson(ARCHIVE + "CCC/throughput/base?time-start=1391612400&time-end=1391616000&limit=1000",
                "[{\"ts\":1391612600,\"val\":8.0e9}]");
        context.getEndpoint(esmond("data", "streaming=false&eventType=throughput&source=10.0.0.1&timeRange=3600"),
                EsmondEndpoint.class).setClock(fixedClock(NOW));
        Exchange out = template.send(esmond("data", "streaming=false&eventType=throughput&source=10.0.0.1&timeRange=3600"),
                e -> {
                });
        assertNull(out.getException(), () -> String.valueOf(out.getException()));
        List<?> points = out.getMessage().getBody(List.class);
        assertEquals(List.of(new EsmondDataPoint(Instant.ofEpochSecond(1391612500), 9_000_000_000L, "throughput", "AAA"),
                new EsmondDataPoint(Instant.ofEpochSecond(1391612600), 8_000_000_000L, "throughput", "CCC")), points);
        assertEquals("throughput", out.getMessage().getHeader(EsmondConstants.EVENT_TYPE));
        assertNull(out.getMessage().getHeader(EsmondConstants.METADATA_KEY), "two series: each point says its key");
    }

    @Test
    void aFaultInAStreamedAnswerComesAfterEveryPointBeforeIt() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "histogram-owdelay"));
        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE + MK + "/histogram-owdelay/base")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("[{\"ts\": 1391558410, \"val\": {\"1.5\": 3}}, {\"ts\": 1391558420, \"val\": {\"1.5\": 4}},"
                        + " {\"ts\": 1391558430, \"val\": {\"2.5\": 5}}, {\"ts\": 1391558440, \"val\": \"oops\"},"
                        + " {\"ts\": 1391558450, \"val\": {\"1.5\": 6}}]")));
        MockEndpoint mock = getMockEndpoint("mock:point");
        Exchange out = template.send("direct:stream", e -> {
        });
        List<Long> routed = new ArrayList<>();
        for (Exchange e : mock.getReceivedExchanges()) {
            routed.add(e.getIn().getBody(EsmondDataPoint.class).ts());
        }
        assertEquals(List.of(1391558410L, 1391558420L, 1391558430L), routed, "every point before the bad one is routed");
        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class,
                out.getException() instanceof TelemetryMalformedResponseException
                        ? out.getException()
                        : out.getException().getCause());
        assertEquals(3, e.getItemsBefore());
        assertTrue(e.getMessage().contains("a histogram"), e.getMessage());
    }

    @Test
    void streamingHandsAnIteratorToSplitStreamingThatReadsPageByPage() throws Exception {
        JsonNode f = stubFixture("data_histogram-owdelay", MK, "histogram-owdelay");
        MockEndpoint mock = getMockEndpoint("mock:point");
        mock.expectedMessageCount(f.get("expected").get("count").asInt());
        template.sendBody("direct:stream", null);
        mock.assertIsSatisfied();
        EsmondDataPoint last = mock.getReceivedExchanges().get(959).getIn().getBody(EsmondDataPoint.class);
        assertEquals(f.get("expected").get("last_ts").asLong(), last.ts());
        Exchange direct = template.send(esmond("data", "eventType=histogram-owdelay&metadataKey=" + MK + "&" + WINDOW),
                e -> {
                });
        Iterator<?> it = assertInstanceOf(Iterator.class, direct.getMessage().getBody());
        assertEquals(MK, direct.getMessage().getHeader(EsmondConstants.METADATA_KEY));
        assertTrue(it.hasNext());
    }

    @Test
    void aNonJsonAnswerIsAnErrorNeverAnEmptyResult() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "throughput"));
        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE + MK + "/throughput/base")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>Please log in</html>")));
        Exchange out = template.send(esmond("data", "eventType=throughput&metadataKey=" + MK + "&" + WINDOW), e -> {
        });
        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class, out.getException());
        assertEquals(200, e.getStatusCode());
        assertEquals("text/html", e.getContentType());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());

        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE + MK + "/throughput/base")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[{\"ts\": 1391558410, \"val\": 1},"
                        + " {\"ts\": 13915")));
        out = template.send(esmond("data", "streaming=false&eventType=throughput&metadataKey=" + MK + "&" + WINDOW),
                x -> {
                });
        e = assertInstanceOf(TelemetryMalformedResponseException.class, out.getException());
        assertTrue(e.getMessage().contains("after 1 items"), e.getMessage());
        assertEquals(1, e.getItemsBefore(), "the point before the fault was delivered");
    }

    @Test
    void errorsAreTypedWithTheServersDetailAndOnlyTransientOnesAreRetried() throws Exception {
        Object[][] cases = { { 400, "{\"detail\": \"Time parameter must be an integer\"}", EsmondException.class, 1,
                "Time parameter must be an integer" },
                { 404, "{\"detail\": \"Not found.\"}", EsmondException.NotFound.class, 1, "Not found." },
                { 500, "{\"error\": \"Cassandra not reachable\"}", EsmondException.class, 3, "Cassandra not reachable" },
                { 503, "<html>busy</html>", EsmondException.class, 3, "<html>busy</html>" } };
        for (Object[] c : cases) {
            wireMock.resetAll();
            wireMock.stubFor(get(urlEqualTo(ARCHIVE + MK + "/")).willReturn(aResponse().withStatus((int) c[0])
                    .withHeader("Content-Type", "application/json").withBody((String) c[1])));
            Exchange out = template.send(esmond("data", "maxRetries=2&eventType=throughput&metadataKey=" + MK), e -> {
            });
            EsmondException e = (EsmondException) assertInstanceOf((Class<?>) c[2], out.getException());
            assertEquals((int) c[0], e.getStatusCode());
            assertEquals(c[3], requests().size(), "HTTP " + c[0]);
            assertTrue(e.getMessage().contains("esmond GET failed"), e.getMessage());
            assertEquals(c[4], e.getDetail());
            assertTrue(e.getMessage().endsWith(": " + c[4]), e.getMessage());
        }
    }

    @Test
    void aMetadataWithoutTheEventTypeIsAnErrorNamingWhatItHas() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "packet-count-lost"));
        Exchange out = template.send(esmond("data", "eventType=throughput&metadataKey=" + MK), e -> {
        });
        EsmondValidationException e = assertInstanceOf(EsmondValidationException.class, out.getException());
        assertTrue(e.getMessage().contains("packet-count-lost"), e.getMessage());
        out = template.send(esmond("data", "metadataKey=" + MK), x -> {
        });
        assertEquals("eventType", assertInstanceOf(EsmondValidationException.class, out.getException()).getField());
    }

    @Test
    void aServerThatIgnoresOffsetIsAnErrorNotAnEndlessRepeat() throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", "packet-count-lost"));
        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE + MK + "/packet-count-lost/base")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("[{\"ts\": 1391558410, \"val\": 1}, {\"ts\": 1391558470, \"val\": 2}]")));
        Exchange out = template.send(esmond("data", "streaming=false&pageSize=2&eventType=packet-count-lost&metadataKey="
                + MK + "&" + WINDOW), e -> {
                });
        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class, out.getException());
        assertTrue(e.getMessage().contains("ignored offset"), e.getMessage());
        assertEquals(3, requests().size(), "metadata and two pages");
    }
}
