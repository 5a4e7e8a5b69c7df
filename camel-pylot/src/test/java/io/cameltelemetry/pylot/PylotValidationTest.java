package io.cameltelemetry.pylot;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.pylot.model.Measurement;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is rejected with a typed error naming the field and value, before anything is sent. */
class PylotValidationTest extends PylotTestSupport {

    private static final LocalDateTime T = LocalDateTime.of(2024, 1, 1, 0, 0, 0);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(pylot("A", "node=Zone 1&metric=220"));
                from("direct:bare").to(pylot("A", ""));
            }
        };
    }

    private PylotValidationException rejected(String endpoint, Object body, Map<String, Object> headers) {
        stubOk();
        Exchange out = template.send(endpoint, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new HashMap<>(headers));
        });
        verifyCount(0);
        return assertInstanceOf(PylotValidationException.class, out.getException());
    }

    private PylotValidationException rejected(Object body) {
        return rejected("direct:send", body, Map.of());
    }

    @Test
    void nanIsRejected() {
        PylotValidationException e = rejected(Double.NaN);
        assertEquals("value", e.getField());
        assertEquals("NaN", e.getValue());
        assertEquals("Invalid PYLOT value NaN: PYLOT accepts finite numbers only (metric '220')", e.getMessage());
    }

    @Test
    void infinityIsRejected() {
        PylotValidationException e = rejected(Float.NEGATIVE_INFINITY);
        assertEquals("value", e.getField());
        assertEquals("-Infinity", e.getValue());
    }

    @Test
    void nullValueInAMapIsRejected() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("1", 1);
        data.put("2", null);
        PylotValidationException e = rejected(data);
        assertEquals("value", e.getField());
        assertEquals("null", e.getValue());
        assertTrue(e.getMessage().contains("metric '2'"), e.getMessage());
    }

    @Test
    void nullBodyIsRejected() {
        assertEquals("body", rejected(null).getField());
    }

    @Test
    void nonNumericValuesAreRejected() {
        PylotValidationException e = rejected("warm");
        assertEquals("value", e.getField());
        assertEquals("'warm' (String)", e.getValue());
        assertEquals("value", rejected(Measurement.of("Zone 1", T, "1", null)).getField());
        PylotValidationException bool = rejected(Map.of("1", Boolean.TRUE));
        assertEquals("'true' (Boolean)", bool.getValue());
    }

    @Test
    void unsupportedBodyTypeIsRejected() {
        PylotValidationException e = rejected(new Object() {
            @Override
            public String toString() {
                return "thing";
            }
        });
        assertEquals("body", e.getField());
    }

    @Test
    void missingNodeIsRejected() {
        PylotValidationException e = rejected("direct:bare", 1, Map.of(PylotConstants.METRIC, "1"));
        assertEquals("node", e.getField());
        assertEquals("null", e.getValue());
        assertTrue(e.getMessage().contains("CamelPylotNode"), e.getMessage());
    }

    @Test
    void missingMetricIsRejected() {
        PylotValidationException e = rejected("direct:bare", 1, Map.of(PylotConstants.NODE, "Zone 1"));
        assertEquals("metric", e.getField());
        assertTrue(e.getMessage().contains("CamelPylotMetric"), e.getMessage());
    }

    @Test
    void blankNodeIsRejected() {
        assertEquals("node", rejected(Measurement.of(" ", T, "1", 1)).getField());
    }

    @Test
    void unsupportedTimestampTypeIsRejected() {
        PylotValidationException e = rejected("direct:send", 1, Map.of(PylotConstants.TIMESTAMP, LocalDate.of(2024, 1, 1)));
        assertEquals("timestamp", e.getField());
        assertEquals("'2024-01-01' (LocalDate)", e.getValue());
    }

    @Test
    void unparseableTimestampIsRejected() {
        PylotValidationException e = rejected("direct:send", 1, Map.of(PylotConstants.TIMESTAMP, "yesterday"));
        assertEquals("timestamp", e.getField());
        assertEquals("'yesterday' (String)", e.getValue());
    }

    @Test
    void oneBadItemRejectsTheWholeMessageBeforeAnythingIsSent() {
        List<Object> items = Arrays.asList(Measurement.of("Zone 1", T, "1", 1), Measurement.of("Zone 1", T, "2", 2),
                Measurement.of("Zone 1", T, "3", Double.POSITIVE_INFINITY));
        PylotValidationException e = rejected(items);
        assertEquals("value", e.getField());
        assertEquals("Infinity", e.getValue());
    }

    @Test
    void emptyCredentialsFailTheEndpointWithoutLeakingThem() {
        Exception e = assertThrows(Exception.class,
                () -> context.getEndpoint("pylot:A?username=user&password=").init());
        PylotValidationException cause = findCause(e);
        assertEquals("password", cause.getField());
        assertEquals("(secret)", cause.getValue());

        Exception e2 = assertThrows(Exception.class,
                () -> context.getEndpoint("pylot:A?password=topsecret").init());
        PylotValidationException cause2 = findCause(e2);
        assertEquals("username", cause2.getField());
        assertFalse(cause2.getMessage().contains("topsecret"));
    }

    @Test
    void badOptionsFailTheEndpoint() {
        assertEquals("maxRowsPerRequest",
                findCause(assertThrows(Exception.class, () -> context.getEndpoint(pylot("A", "maxRowsPerRequest=451")).init()))
                        .getField());
        assertEquals("maxRowsPerRequest",
                findCause(assertThrows(Exception.class, () -> context.getEndpoint(pylot("A", "maxRowsPerRequest=0")).init()))
                        .getField());
        assertEquals("zoneId",
                findCause(assertThrows(Exception.class, () -> context.getEndpoint(pylot("A", "zoneId=Mars/Olympus")).init()))
                        .getField());
        PylotValidationException url = findCause(assertThrows(Exception.class,
                () -> context.getEndpoint("pylot:A?username=u&password=p&baseUrl=http://u:sekrit@127.0.0.1:1").init()));
        assertEquals("baseUrl", url.getField());
        assertFalse(url.getMessage().contains("sekrit"));
    }

    @Test
    void credentialsOutsideLatin1AreRejected() {
        PylotValidationException e = findCause(assertThrows(Exception.class,
                () -> context.getEndpoint(pylot("A", "").replace("password=RAW(password)", "password=RAW(p\u20ac)")).init()));
        assertEquals("password", e.getField());
        assertFalse(e.getMessage().contains("\u20ac"));
    }

    private static PylotValidationException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PylotValidationException pve) {
                return pve;
            }
        }
        throw new AssertionError("no PylotValidationException in " + e, e);
    }
}
