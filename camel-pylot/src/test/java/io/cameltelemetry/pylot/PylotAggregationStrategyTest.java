package io.cameltelemetry.pylot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.pylot.model.Measurement;
import io.cameltelemetry.pylot.model.MeasurementsRow;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PylotAggregationStrategy + Camel's aggregator as the reference client's accumulator. */
class PylotAggregationStrategyTest extends PylotTestSupport {

    /** The spec's accumulator vector (tests/test_accumulation.py), first flush. */
    static final String ACCUMULATOR_VECTOR = "[{\"adapter\": \"DemoKubo\", \"timestamp\": \"2017-04-05T14:30:25\", \"node\": \"Zone 1\", \"data\": {\"1\": 27.3, \"2\": 12}},"
            + " {\"adapter\": \"DemoKubo\", \"timestamp\": \"2017-04-05T14:31:01\", \"node\": \"Zone 1\", \"data\": {\"CustomMetric\": 133}},"
            + " {\"adapter\": \"DemoKubo\", \"timestamp\": \"2017-04-05T14:31:01\", \"node\": \"Zone 2\", \"data\": {\"CustomMetric\": 144, \"1\": 12}}]";
    static final String SECOND_FLUSH = "[{\"adapter\": \"DemoKubo\", \"timestamp\": \"2017-04-05T14:32:00\", \"node\": \"Zone 2\", \"data\": {\"3\": 33}}]";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:measure")
                        .aggregate(constant(true), new PylotAggregationStrategy()).completionSize(5)
                        .to(pylot("DemoKubo", ""));
                from("direct:noDefaults")
                        .aggregate(constant(true), new PylotAggregationStrategy()).completionSize(3)
                        .to(pylot("DemoKubo", ""));
                from("direct:byTimeout")
                        .aggregate(constant(true), new PylotAggregationStrategy()).completionTimeout(50)
                        .to(pylot("DemoKubo", "node=Default Zone"));
            }
        };
    }

    private void accumulate(String uri, String node, String ts, Object metric, Number value) {
        template.sendBodyAndHeaders(uri, value, Map.of(PylotConstants.NODE, node, PylotConstants.TIMESTAMP, ts,
                PylotConstants.METRIC, metric));
    }

    @Test
    void theAggregatorSendsTheSpecAccumulatorVector() throws Exception {
        stubOk();
        accumulate("direct:measure", "Zone 1", "2017-04-05T14:30:25", 1, 27.3);
        accumulate("direct:measure", "Zone 1", "2017-04-05T14:30:25", 2, 12);
        accumulate("direct:measure", "Zone 1", "2017-04-05T14:31:01", "CustomMetric", 133);
        accumulate("direct:measure", "Zone 2", "2017-04-05T14:31:01", "CustomMetric", 144);
        accumulate("direct:measure", "Zone 2", "2017-04-05T14:31:01", 1, 12);
        await().until(() -> requests().size() == 1);
        assertEquals(compact(ACCUMULATOR_VECTOR), requests().get(0).getBodyAsString());
    }

    @Test
    void aCompletionTimeoutFlushesAndAnotherFlushSendsOnlyNewMeasurements() throws Exception {
        stubOk();
        accumulate("direct:byTimeout", "Zone 1", "2017-04-05T14:30:25", 1, 27.3);
        await().until(() -> requests().size() == 1);
        accumulate("direct:byTimeout", "Zone 2", "2017-04-05T14:32:00", 3, 33);
        await().until(() -> requests().size() == 2);
        assertEquals(compact(SECOND_FLUSH), requests().get(1).getBodyAsString());
    }

    @Test
    void endpointNodeAppliesWhenMessagesNameNone() {
        stubOk();
        template.sendBodyAndHeaders("direct:byTimeout", 5, Map.of(PylotConstants.METRIC, "m",
                PylotConstants.TIMESTAMP, "2024-01-01T00:00:00"));
        await().until(() -> requests().size() == 1);
        assertEquals("[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2024-01-01T00:00:00\",\"node\":\"Default Zone\","
                + "\"data\":{\"m\":5}}]", requests().get(0).getBodyAsString());
    }

    @Test
    void aBadMessageFailsAloneAndTheBatchKeepsTheOthers() throws Exception {
        stubOk();
        accumulate("direct:measure", "Zone 1", "2017-04-05T14:30:25", 1, 27.3);
        Exchange bad = template.send("direct:measure", e -> {
            e.getIn().setBody(Double.NaN);
            e.getIn().setHeader(PylotConstants.NODE, "Zone 1");
            e.getIn().setHeader(PylotConstants.METRIC, "2");
        });
        // Camel's aggregator wraps what the strategy throws; onException(PylotValidationException.class) matches the cause
        assertInstanceOf(CamelExchangeException.class, bad.getException());
        PylotValidationException error = assertInstanceOf(PylotValidationException.class, bad.getException().getCause());
        assertEquals("value", error.getField());
        Map<String, Object> badMap = new LinkedHashMap<>();
        badMap.put("x", 1);
        badMap.put("y", "not a number");
        Exchange badMapExchange = template.send("direct:measure", e -> {
            e.getIn().setBody(badMap);
            e.getIn().setHeader(PylotConstants.NODE, "Zone 9");
            e.getIn().setHeader(PylotConstants.TIMESTAMP, "2017-04-05T14:30:25");
        });
        assertInstanceOf(PylotValidationException.class, badMapExchange.getException().getCause());
        accumulate("direct:measure", "Zone 1", "2017-04-05T14:30:25", 2, 12);
        accumulate("direct:measure", "Zone 1", "2017-04-05T14:31:01", "CustomMetric", 133);
        accumulate("direct:measure", "Zone 2", "2017-04-05T14:31:01", "CustomMetric", 144);
        accumulate("direct:measure", "Zone 2", "2017-04-05T14:31:01", 1, 12);
        await().until(() -> requests().size() == 1);
        // neither the NaN nor any part of the half-bad Map ("x") got in
        assertEquals(compact(ACCUMULATOR_VECTOR), requests().get(0).getBodyAsString());
    }

    @Test
    void aMessageWithoutANodeCostsOnlyItselfWhenTheEndpointHasNoDefault() throws Exception {
        stubOk();
        accumulate("direct:noDefaults", "Zone 1", "2017-04-05T14:30:25", 1, 27.3);
        template.sendBodyAndHeaders("direct:noDefaults", 99, Map.of(PylotConstants.METRIC, "1",
                PylotConstants.TIMESTAMP, "2017-04-05T14:30:25"));
        accumulate("direct:noDefaults", "Zone 2", "2017-04-05T14:30:25", 1, 12);
        await().until(() -> requests().size() == 1);
        // both complete measurements were sent; the node-less one was not
        assertEquals(
                "[{\"adapter\":\"DemoKubo\",\"timestamp\":\"2017-04-05T14:30:25\",\"node\":\"Zone 1\",\"data\":{\"1\":27.3}},"
                        + "{\"adapter\":\"DemoKubo\",\"timestamp\":\"2017-04-05T14:30:25\",\"node\":\"Zone 2\",\"data\":{\"1\":12}}]",
                requests().get(0).getBodyAsString());
    }

    @Test
    void lastValueWinsAndKeepsItsPosition() {
        PylotAggregationStrategy strategy = new PylotAggregationStrategy();
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0, 0);
        Exchange batch = null;
        for (Object body : List.of(Measurement.of("N", t, "a", 1), Measurement.of("N", t, "b", 2),
                Measurement.of("N", t, "a", 3))) {
            Exchange next = new DefaultExchange(context);
            next.getIn().setBody(body);
            batch = strategy.aggregate(batch, next);
        }
        PylotBatch result = batch.getIn().getBody(PylotBatch.class);
        assertEquals(1, result.rowCount());
        assertEquals(2, result.measurementCount());
        Map<String, Number> data = result.toRows().get(0).data();
        assertEquals(List.of("a", "b"), List.copyOf(data.keySet()));
        assertEquals(3, data.get("a"));
    }

    @Test
    void headersAreAppliedPerMessageAndRemovedFromTheBatch() {
        PylotAggregationStrategy strategy = new PylotAggregationStrategy();
        strategy.setZoneId("UTC");
        Exchange first = new DefaultExchange(context);
        first.getIn().setBody(1);
        first.getIn().setHeader(PylotConstants.NODE, "A");
        first.getIn().setHeader(PylotConstants.METRIC, "m");
        first.getIn().setHeader(PylotConstants.TIMESTAMP, Instant.parse("2024-01-01T00:00:00Z"));
        Exchange second = new DefaultExchange(context);
        second.getIn().setBody(2);
        second.getIn().setHeader(PylotConstants.NODE, "B");
        second.getIn().setHeader(PylotConstants.METRIC, "m");
        second.getIn().setHeader(PylotConstants.TIMESTAMP, "2024-01-01T00:00:00");
        Exchange result = strategy.aggregate(strategy.aggregate(null, first), second);
        assertSame(first, result);
        assertNull(result.getIn().getHeader(PylotConstants.NODE));
        assertNull(result.getIn().getHeader(PylotConstants.TIMESTAMP));
        List<MeasurementsRow> rows = result.getIn().getBody(PylotBatch.class).toRows();
        assertEquals(List.of(new MeasurementsRow("A", LocalDateTime.of(2024, 1, 1, 0, 0), Map.of("m", 1)),
                new MeasurementsRow("B", LocalDateTime.of(2024, 1, 1, 0, 0), Map.of("m", 2))), rows);
    }

    @Test
    void missingTimestampIsTheTimeOfAggregation() {
        PylotAggregationStrategy strategy = new PylotAggregationStrategy();
        strategy.setZoneId("Europe/Amsterdam");
        strategy.setClock(Clock.fixed(Instant.parse("2024-07-01T10:00:00.600Z"), ZoneId.of("UTC")));
        Exchange first = new DefaultExchange(context);
        first.getIn().setBody(Map.of("m", 1));
        first.getIn().setHeader(PylotConstants.NODE, "A");
        PylotBatch batch = strategy.aggregate(null, first).getIn().getBody(PylotBatch.class);
        assertEquals(LocalDateTime.of(2024, 7, 1, 12, 0, 0), batch.toRows().get(0).timestamp());
    }

    @Test
    void withoutItsOwnZoneTheStrategyUsesThePylotComponentsZone() {
        context.getComponent("pylot", PylotComponent.class).getConfiguration().setZoneId("Asia/Tokyo");
        PylotAggregationStrategy strategy = new PylotAggregationStrategy();
        strategy.setCamelContext(context);
        strategy.setClock(Clock.fixed(Instant.parse("2024-07-01T10:00:00Z"), ZoneId.of("UTC")));
        Exchange first = new DefaultExchange(context);
        first.getIn().setBody(Map.of("m", 1));
        first.getIn().setHeader(PylotConstants.NODE, "A");
        PylotBatch batch = strategy.aggregate(null, first).getIn().getBody(PylotBatch.class);
        assertEquals(LocalDateTime.of(2024, 7, 1, 19, 0, 0), batch.toRows().get(0).timestamp());
        assertEquals("Asia/Tokyo", strategy.getZoneId());
    }

    @Test
    void theBatchIsSerializableForPersistentRepositories() throws Exception {
        PylotBatch batch = MeasurementCollector.toBatch(
                List.of(Measurement.of("N", LocalDateTime.of(2024, 1, 1, 0, 0), "m", 1.5)),
                new MeasurementCollector.Defaults(null, null, null, ZoneId.of("UTC"), Clock.systemUTC()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(batch);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            PylotBatch copy = (PylotBatch) in.readObject();
            assertEquals(batch.toRows(), copy.toRows());
            assertEquals(1, copy.measurementCount());
        }
    }

    @Test
    void badZoneIdIsRejected() {
        PylotAggregationStrategy strategy = new PylotAggregationStrategy();
        PylotValidationException e = assertThrows(PylotValidationException.class, () -> strategy.setZoneId("Nowhere/City"));
        assertEquals("zoneId", e.getField());
        assertTrue(e.getMessage().contains("Nowhere/City"));
    }
}
