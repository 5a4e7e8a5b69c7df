package io.cameltelemetry.dcs;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments fail with a typed error naming the option, before any request. */
class DcsValidationTest extends DcsTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // endpoints are created per test
            }
        };
    }

    private DcsValidationException rejectedAtSend(String uri, Map<String, Object> headers) {
        Exchange out = template.send(uri, e -> e.getIn().setHeaders(new HashMap<>(headers)));
        assertEquals(0, requests().size(), "no I/O before the arguments are valid");
        return assertInstanceOf(DcsValidationException.class, out.getException());
    }

    private DcsValidationException rejectedAtCreation(String uri) {
        Exception e = assertThrows(Exception.class, () -> context.getEndpoint(uri).init());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DcsValidationException v) {
                assertEquals(0, requests().size());
                return v;
            }
        }
        throw new AssertionError("no DcsValidationException in " + e, e);
    }

    @Test
    void exactlyTwoOfStartEndAndCount() {
        DcsValidationException three = rejectedAtSend(dcs("readings", "id=1&startTime=2024-01-01T00:00:00Z"
                + "&endTime=2024-01-02T00:00:00Z&periodCount=3"), Map.of());
        assertEquals("startTime/endTime/periodCount", three.getField());
        assertTrue(three.getMessage().contains("exactly two"), three.getMessage());
        assertEquals("startTime/endTime/periodCount",
                rejectedAtSend(dcs("readings", "id=1&startTime=2024-01-01T00:00:00Z"), Map.of()).getField());
        assertEquals("periodCount", rejectedAtSend(dcs("readings", "id=1&startTime=2024-01-01T00:00:00Z"), Map.of(
                DcsConstants.PERIOD_COUNT, 0)).getField());
        assertEquals("startTime/endTime", rejectedAtSend(dcs("readings", "id=1&startTime=2024-01-01T00:00:00Z"
                + "&endTime=2024-01-01T00:00:00Z"), Map.of()).getField());
    }

    @Test
    void alignmentIsCheckedBeforeAnyRequest() {
        DcsValidationException week = rejectedAtSend(dcs("readings", "id=1&periodType=week&startTime=2024-01-02T00:00:00Z"
                + "&periodCount=2"), Map.of());
        assertEquals("startTime", week.getField());
        assertEquals("'2024-01-02T00:00:00Z' (String)", week.getValue());
        assertTrue(week.getMessage().contains("Monday"), week.getMessage());
        DcsValidationException month = rejectedAtSend(dcs("readings", "id=1&periodType=month&startTime=2024-01-01T00:00:00Z"),
                Map.of(DcsConstants.END_TIME, "2024-03-15"));
        assertEquals("endTime", month.getField());
        assertEquals("startTime", rejectedAtSend(dcs("readings", "id=1&startTime=2024-01-01T00:10:00Z&periodCount=1"),
                Map.of()).getField());
    }

    @Test
    void badIdsAndTimes() {
        assertEquals("id",
                rejectedAtSend(dcs("readings", "startTime=2024-01-01T00:00:00Z&periodCount=1"), Map.of()).getField());
        assertEquals("id", rejectedAtSend(dcs("readings", "startTime=2024-01-01T00:00:00Z&periodCount=1"),
                Map.of(DcsConstants.ID, "X12")).getField());
        assertEquals("startTime", rejectedAtSend(dcs("readings", "id=1&periodCount=1"),
                Map.of(DcsConstants.START_TIME, "yesterday")).getField());
        assertEquals("periodType", rejectedAtSend(dcs("readings", "id=1&startTime=2024-01-01T00:00:00Z&periodCount=1"),
                Map.of(DcsConstants.PERIOD_TYPE, "fortnight")).getField());
        assertEquals("id", rejectedAtCreation(dcs("readings", "id=R5&isVirtual=true")).getField());
    }

    @Test
    void optionsTheChosenApiDoesNotSupportAreRejectedAtCreation() {
        for (String option : new String[]{ "useLocalTime=true", "decimalPlaces=2", "source=merged" }) {
            DcsValidationException e = rejectedAtCreation(dcs("readings", option));
            assertEquals(option.substring(0, option.indexOf('=')), e.getField());
            assertTrue(e.getMessage().contains("legacy API option"), e.getMessage());
        }
        assertEquals("format", rejectedAtCreation(dcsAuth("readings", true, "format=complete")).getField());
        assertEquals("operation", rejectedAtCreation(dcsAuth("status", true, "")).getField());
        assertEquals("format", rejectedAtCreation(dcs("readings", "id=VM9&format=complete")).getField());
        assertEquals("decimalPlaces", rejectedAtCreation(dcsAuth("readings", true, "decimalPlaces=16")).getField());
        assertEquals("integrationPeriod", rejectedAtCreation(dcs("readings", "periodType=day&integrationPeriod=hour"))
                .getField());
        assertEquals("apiVersion", rejectedAtCreation(dcs("readings", "apiVersion=v2")).getField());
        assertEquals("baseUrl", rejectedAtCreation("dcs:readings?baseUrl=ftp://host/x").getField());
        assertEquals("password", rejectedAtCreation(dcs("meters", "username=u")).getField());
        assertEquals("operation", rejectedAtCreation("dcs:readingz?baseUrl=" + base()).getField());
        assertEquals("maxWindow", rejectedAtCreation(dcs("readings", "periodType=month&maxWindow=10d")).getField());
    }
}
