package io.cameltelemetry.pylot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.pylot.model.Measurement;
import io.cameltelemetry.pylot.model.MeasurementsRow;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PylotProducerTest extends PylotTestSupport {

    /** The spec's direct-send demo (tests/demo.py test_api), byte-exact up to Python's separators. */
    static final String DIRECT_VECTOR = "[{\"adapter\": \"DemoKubo\", \"timestamp\": \"2017-04-05T14:30:25\", "
            + "\"node\": \"Zone 1\", \"data\": {\"1\": 27.3, \"2\": 12.0, \"CustomMetric\": 133}}]";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:demo").to(pylot("DemoKubo", ""));
                from("direct:defaults").to(pylot("DemoKubo", "node=Zone 9&metric=220&zoneId=Europe/Prague"));
                from("direct:small").to(pylot("DemoKubo", "node=N&metric=m&maxRowsPerRequest=2"));
            }
        };
    }

    @Test
    void sendsTheSpecDirectExampleAsMeasurementsRow() throws Exception {
        stubOk();
        Map<String, Number> data = new LinkedHashMap<>();
        data.put("1", 27.3);
        data.put("2", 12.0);
        data.put("CustomMetric", 133);
        Exchange out = template.send("direct:demo",
                e -> e.getIn().setBody(new MeasurementsRow("Zone 1", LocalDateTime.of(2017, 4, 5, 14, 30, 25), data)));

        assertNull(out.getException());
        List<LoggedRequest> requests = requests();
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        assertEquals(compact(DIRECT_VECTOR), request.getBodyAsString());
        assertEquals("application/json", request.getHeader("Content-Type"));
        assertEquals("Basic dXNlcjpwYXNzd29yZA==", request.getHeader("Authorization"));
        assertEquals(1, out.getMessage().getHeader(PylotConstants.ROW_COUNT));
        assertEquals(1, out.getMessage().getHeader(PylotConstants.REQUEST_COUNT));
        assertEquals(3L, out.getMessage().getHeader(PylotConstants.MEASUREMENT_COUNT));
    }

    @Test
    void mapBodyTakesNodeAndTimestampFromHeaders() throws Exception {
        stubOk();
        Map<Object, Object> data = new LinkedHashMap<>();
        data.put(1, 27.3);
        data.put(2, 12.0);
        data.put("CustomMetric", 133);
        template.sendBodyAndHeaders("direct:demo", data,
                Map.of(PylotConstants.NODE, "Zone 1", PylotConstants.TIMESTAMP, "2017-04-05T14:30:25.999"));
        assertEquals(compact(DIRECT_VECTOR), requests().get(0).getBodyAsString());
    }

    @Test
    void numberBodyUsesOptionsAndHeadersOverrideThem() throws Exception {
        stubOk();
        LocalDateTime ts = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        template.sendBodyAndHeader("direct:defaults", 21.5, PylotConstants.TIMESTAMP, ts);
        template.sendBodyAndHeaders("direct:defaults", 7, Map.of(PylotConstants.TIMESTAMP, ts,
                PylotConstants.NODE, "Zone 2", PylotConstants.METRIC, 221));

        List<LoggedRequest> requests = requests();
        assertEquals("[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2024-01-02T03:04:05\",\"node\":\"Zone 9\","
                + "\"data\":{\"220\":21.5}}]", requests.get(0).getBodyAsString());
        assertEquals("[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2024-01-02T03:04:05\",\"node\":\"Zone 2\","
                + "\"data\":{\"221\":7}}]", requests.get(1).getBodyAsString());
    }

    @Test
    void numberBodyWithoutTimestampIsSentAsNowInZone() throws Exception {
        stubOk();
        LocalDateTime before = LocalDateTime.now(java.time.ZoneId.of("Europe/Prague")).withNano(0);
        template.sendBody("direct:defaults", 1);
        LocalDateTime after = LocalDateTime.now(java.time.ZoneId.of("Europe/Prague"));
        LocalDateTime sent = LocalDateTime.parse(json(requests().get(0).getBodyAsString()).get(0).get("timestamp").asText());
        assertTrue(!sent.isBefore(before) && !sent.isAfter(after), sent + " not within [" + before + ", " + after + "]");
    }

    @Test
    void everyTimestampTypeIsConvertedToTheGreenhouseZone() throws Exception {
        stubOk();
        // Europe/Prague is UTC+2 in summer: 12:30:25Z is 14:30:25 local
        Instant instant = Instant.parse("2017-04-05T12:30:25.750Z");
        List<Object> timestamps = List.of(
                LocalDateTime.of(2017, 4, 5, 14, 30, 25, 999_000_000),
                "2017-04-05T14:30:25",
                "2017-04-05T12:30:25Z",
                "2017-04-05T15:30:25+03:00",
                "2017-04-05T13:30:25+01:00[Europe/London]",
                instant,
                ZonedDateTime.ofInstant(instant, ZoneOffset.ofHours(-5)),
                OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(9)),
                Date.from(instant),
                instant.toEpochMilli());
        for (Object ts : timestamps) {
            template.sendBodyAndHeader("direct:defaults", 1, PylotConstants.TIMESTAMP, ts);
        }
        List<LoggedRequest> requests = requests();
        assertEquals(timestamps.size(), requests.size());
        for (int i = 0; i < requests.size(); i++) {
            JsonNode row = json(requests.get(i).getBodyAsString()).get(0);
            assertEquals("2017-04-05T14:30:25", row.get("timestamp").asText(), "timestamp " + timestamps.get(i));
        }
    }

    @Test
    void splits901RowsInto450And450And1InOrder() throws Exception {
        stubOk();
        List<Measurement> measurements = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2024, 5, 1, 0, 0, 0);
        for (int i = 0; i < 901; i++) {
            measurements.add(Measurement.of("Zone 1", start.plusSeconds(i), "220", i));
        }
        Exchange out = template.send("direct:demo", e -> e.getIn().setBody(measurements));

        assertNull(out.getException());
        List<LoggedRequest> requests = requests();
        assertEquals(3, requests.size());
        int expectedValue = 0;
        int[] sizes = { 450, 450, 1 };
        for (int r = 0; r < 3; r++) {
            JsonNode rows = json(requests.get(r).getBodyAsString());
            assertEquals(sizes[r], rows.size());
            for (JsonNode row : rows) {
                assertEquals(expectedValue, row.get("data").get("220").asInt());
                assertEquals(PylotTimestamps.format(start.plusSeconds(expectedValue)), row.get("timestamp").asText());
                expectedValue++;
            }
        }
        assertEquals(901, out.getMessage().getHeader(PylotConstants.ROW_COUNT));
        assertEquals(3, out.getMessage().getHeader(PylotConstants.REQUEST_COUNT));
    }

    @Test
    void maxRowsPerRequestOptionIsHonoured() throws Exception {
        stubOk();
        template.sendBody("direct:small", List.of(
                Measurement.of("A", LocalDateTime.of(2024, 1, 1, 0, 0, 1), "m", 1),
                Measurement.of("A", LocalDateTime.of(2024, 1, 1, 0, 0, 2), "m", 2),
                Measurement.of("B", LocalDateTime.of(2024, 1, 1, 0, 0, 1), "m", 3)));
        List<LoggedRequest> requests = requests();
        assertEquals(2, requests.size());
        JsonNode first = json(requests.get(0).getBodyAsString());
        JsonNode second = json(requests.get(1).getBodyAsString());
        assertEquals(2, first.size(), "the first request carries maxRowsPerRequest=2 rows");
        assertEquals(List.of("A", "A", "B"), List.of(first.get(0).get("node").asText(), first.get(1).get("node").asText(),
                second.get(0).get("node").asText()));
        assertEquals(1, second.size());
        assertEquals(3, second.get(0).get("data").get("m").asInt());
    }

    @Test
    void groupsByNodeAndSecondWithLastValueWinningInPlace() throws Exception {
        stubOk();
        LocalDateTime t = LocalDateTime.of(2017, 4, 5, 14, 30, 25);
        template.sendBody("direct:demo", List.of(
                Measurement.of("Zone 1", t, "1", 1),
                Measurement.of("Zone 2", t, "1", 2),
                Measurement.of("Zone 1", t.plusNanos(500_000_000), "2", 3),
                Measurement.of("Zone 1", t.plusSeconds(1), "1", 4),
                Measurement.of("Zone 1", t, "1", 5)));
        assertEquals(
                "[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2017-04-05T14:30:25\",\"node\":\"Zone 1\",\"data\":{\"1\":5,\"2\":3}},"
                        + "{\"adapter\":\"DemoKubo\",\"timestamp\":\"2017-04-05T14:30:26\",\"node\":\"Zone 1\",\"data\":{\"1\":4}},"
                        + "{\"adapter\":\"DemoKubo\",\"timestamp\":\"2017-04-05T14:30:25\",\"node\":\"Zone 2\",\"data\":{\"1\":2}}]",
                requests().get(0).getBodyAsString());
    }

    @Test
    void oddValuesAreEscapedAndNumbersKeepTheirForm() throws Exception {
        stubOk();
        Map<String, Number> data = new LinkedHashMap<>();
        data.put("a", 1e16);
        data.put("b", 1e-5);
        data.put("c", 0.1);
        data.put("d", -0.0);
        data.put("g", new java.math.BigInteger("100000000000000000000"));
        template.sendBody("pylot:ad\u00e9?baseUrl=" + wireMockUrl() + "&username=user&password=password",
                new MeasurementsRow("Z\"1\"", LocalDateTime.of(2017, 4, 5, 14, 30, 25, 999_999_000), data));

        String body = requests().get(0).getBodyAsString();
        assertTrue(body.startsWith("[{\"adapter\":\"ad\\u00E9\",\"timestamp\":\"2017-04-05T14:30:25\",\"node\":\"Z\\\"1\\\"\""),
                body);
        assertTrue(body.chars().allMatch(c -> c < 128), "body is pure ASCII: " + body);
        // the spec's odd-value vector, compared as JSON values
        JsonNode expected = json("{\"a\": 1e+16, \"b\": 1e-05, \"c\": 0.1, \"d\": -0.0, \"g\": 100000000000000000000}");
        JsonNode sent = json(body).get(0).get("data");
        for (String k : List.of("a", "b", "c", "d")) {
            assertEquals(expected.get(k).doubleValue(), sent.get(k).doubleValue(), k);
        }
        assertEquals(expected.get("g").bigIntegerValue(), sent.get("g").bigIntegerValue());
        assertEquals("ad\u00e9", json(body).get(0).get("adapter").asText());
    }

    @Test
    void numericStringsAndMetricNumbersAreAccepted() {
        stubOk();
        template.sendBodyAndHeaders("direct:demo", "21.50", Map.of(PylotConstants.NODE, "Zone 1",
                PylotConstants.METRIC, 220.0, PylotConstants.TIMESTAMP, "2024-01-01T00:00:00"));
        assertEquals("[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2024-01-01T00:00:00\",\"node\":\"Zone 1\","
                + "\"data\":{\"220\":21.50}}]", requests().get(0).getBodyAsString());
    }

    @Test
    void anAggregatedBatchSendsItsCompleteEntriesAndReportsTheRest() {
        stubOk();
        PylotAggregationStrategy strategy = new PylotAggregationStrategy();
        Exchange batch = null;
        for (Object[] m : new Object[][]{ { "Zone 1", 1 }, { null, 2 }, { "Zone 2", 3 } }) {
            Exchange next = new DefaultExchange(context);
            next.getIn().setBody(m[1]);
            next.getIn().setHeader(PylotConstants.METRIC, "m");
            next.getIn().setHeader(PylotConstants.TIMESTAMP, "2024-01-01T00:00:00");
            if (m[0] != null) {
                next.getIn().setHeader(PylotConstants.NODE, m[0]);
            }
            batch = strategy.aggregate(batch, next);
        }
        Exchange sent = batch;
        Exchange out = template.send("direct:demo", e -> e.getIn().setBody(sent.getIn().getBody()));
        PylotValidationException error = assertInstanceOf(PylotValidationException.class, out.getException());
        assertEquals("node", error.getField());
        assertTrue(error.getMessage().contains("1 measurements of the aggregated batch named no node"), error.getMessage());
        assertTrue(error.getMessage().contains("the other 2 were sent"), error.getMessage());
        assertEquals("[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2024-01-01T00:00:00\",\"node\":\"Zone 1\",\"data\":{\"m\":1}},"
                + "{\"adapter\":\"DemoKubo\",\"timestamp\":\"2024-01-01T00:00:00\",\"node\":\"Zone 2\",\"data\":{\"m\":3}}]",
                requests().get(0).getBodyAsString());
        assertEquals(2L, out.getMessage().getHeader(PylotConstants.MEASUREMENT_COUNT));
    }

    @Test
    void emptyCollectionSendsNothing() {
        stubOk();
        Exchange out = template.send("direct:demo", e -> e.getIn().setBody(List.of()));
        assertNull(out.getException());
        verifyCount(0);
        assertEquals(0, out.getMessage().getHeader(PylotConstants.ROW_COUNT));
        assertEquals(0, out.getMessage().getHeader(PylotConstants.REQUEST_COUNT));
    }
}
