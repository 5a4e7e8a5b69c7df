package io.cameltelemetry.esmond;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondDataType;
import io.cameltelemetry.esmond.model.EsmondPercentage;
import io.cameltelemetry.esmond.model.EsmondSubinterval;

/**
 * Turns what routes send (data points, {ts, val} Maps, a value with a timestamp header, collections of these) into
 * checked points whose values are in esmond's wire form, before any I/O. A value must fit its event type's data type:
 * whole numbers for integer types, finite numbers for float types, {numerator, denominator} for percentages, bucket to
 * whole count for histograms, a non-empty list of {start, duration, val} for subintervals, any JSON for json types.
 * Wire values are plain Java (Long, BigInteger, Double, BigDecimal, String, Boolean, LinkedHashMap, ArrayList), so a
 * batch of them is {@link java.io.Serializable}.
 */
public final class EsmondPoints {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EsmondPoints() {
    }

    /**
     * The checked points of a message body.
     *
     * @param body             one point, a collection of points, or a bare value (then {@code timestamp} says when)
     * @param timestamp        the CamelEsmondTimestamp header, or null
     * @param eventType        the event type of points that do not name one (option or header), or null
     * @param eventTypeInPoint whether points may name their own event type (bulk), else they must not differ
     */
    public static List<EsmondDataPoint> of(Object body, Object timestamp, String eventType, boolean eventTypeInPoint) {
        List<EsmondDataPoint> points = new ArrayList<>();
        if (body instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                String context = "point " + i++;
                if (!(item instanceof EsmondDataPoint) && !(item instanceof Map<?, ?>)) {
                    throw new EsmondValidationException("body", item,
                            "a collection must hold EsmondDataPoints or {ts, val} Maps (a bare value has no time)", context);
                }
                points.add(point(item, null, eventType, eventTypeInPoint, context));
            }
        } else if (body instanceof Object[] items) {
            return of(List.of(items), timestamp, eventType, eventTypeInPoint);
        } else {
            points.add(point(body, timestamp, eventType, eventTypeInPoint, null));
        }
        return points;
    }

    private static EsmondDataPoint point(Object item, Object timestamp, String eventType, boolean eventTypeInPoint,
            String context) {
        Object ts;
        Object value;
        String et = null;
        if (item instanceof EsmondDataPoint p) {
            ts = p.timestamp();
            value = p.value();
            et = p.eventType();
        } else if (item instanceof Map<?, ?> m && m.containsKey("ts")) {
            ts = m.get("ts");
            value = m.get("val");
            Object named = m.containsKey("event-type") ? m.get("event-type") : m.get("eventType");
            et = named == null ? null : named.toString();
            if (!m.containsKey("val")) {
                throw new EsmondValidationException("val", null, "a {ts, val} Map needs a val", context);
            }
        } else {
            if (timestamp == null) {
                throw new EsmondValidationException(EsmondConstants.TIMESTAMP, null,
                        "a bare value needs the time of the point in this header (or send an EsmondDataPoint or a "
                                + "{ts, val} Map)",
                        context);
            }
            ts = timestamp;
            value = item;
        }
        if (et == null) {
            et = eventType;
        } else if (!eventTypeInPoint && eventType != null && !et.equals(eventType)) {
            throw new EsmondValidationException("eventType", et, "differs from the endpoint's event type " + eventType
                    + " (postData writes one event type; use bulk for several)", context);
        }
        if (et == null || et.isBlank()) {
            throw new EsmondValidationException("eventType", et,
                    "say the event type of the point (option, CamelEsmondEventType header, or the point's own)", context);
        }
        long seconds = seconds(ts, context);
        return new EsmondDataPoint(Instant.ofEpochSecond(seconds), wireValue(et, value, context), et, null);
    }

    private static long seconds(Object ts, String context) {
        Long seconds;
        try {
            seconds = EsmondTimes.toEpochSeconds("ts", ts);
        } catch (EsmondValidationException e) {
            throw new EsmondValidationException("ts", ts, e.getProblem(), context);
        }
        if (seconds == null) {
            throw new EsmondValidationException("ts", null, "every point needs a time", context);
        }
        if (seconds < 0) {
            throw new EsmondValidationException("ts", ts, "must not be before 1970", context);
        }
        return seconds;
    }

    /** The value in esmond's wire form, checked against the event type's data type. */
    public static Object wireValue(String eventType, Object value, String context) {
        EsmondDataType type = EsmondDataType.of(eventType);
        if (type == null) {
            throw new EsmondValidationException("eventType", eventType,
                    "is not an event type esmond knows (see EsmondDataType for the list)", context);
        }
        String field = "value of " + eventType;
        if (value == null) {
            throw new EsmondValidationException(field, null, "every point needs a value", context);
        }
        return switch (type) {
            case INTEGER -> wholeNumber(field, value, context, false);
            case FLOAT -> decimal(field, value, context);
            case PERCENTAGE -> percentage(field, value, context);
            case HISTOGRAM -> histogram(field, value, context);
            case SUBINTERVAL -> subintervals(field, value, context);
            case JSON -> json(field, value, context);
        };
    }

    private static Object wholeNumber(String field, Object value, String context, boolean nonNegative) {
        BigDecimal number = number(field, value, context, "a whole number");
        if (number.signum() < 0 && nonNegative) {
            throw new EsmondValidationException(field, value, "must not be negative", context);
        }
        try {
            BigInteger whole = number.stripTrailingZeros().toBigIntegerExact();
            return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
        } catch (ArithmeticException e) {
            throw new EsmondValidationException(field, value, "must be a whole number for this event type", context);
        }
    }

    private static Object decimal(String field, Object value, String context) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new EsmondValidationException(field, value, "must be a finite number (JSON has no NaN)", context);
            }
            return d;
        }
        return number(field, value, context, "a number");
    }

    private static BigDecimal number(String field, Object value, String context, String what) {
        if (value instanceof Boolean || value instanceof Character) {
            throw new EsmondValidationException(field, value, "must be " + what, context);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new EsmondValidationException(field, value, "must be a finite number (JSON has no NaN)", context);
            }
        }
        String text = value instanceof Number || value instanceof CharSequence ? value.toString().strip() : null;
        if (text == null || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new EsmondValidationException(field, value, "must be " + what, context);
        }
        return new BigDecimal(text);
    }

    private static Map<String, Object> percentage(String field, Object value, String context) {
        Object numerator;
        Object denominator;
        if (value instanceof EsmondPercentage p) {
            numerator = p.numerator();
            denominator = p.denominator();
        } else if (value instanceof Map<?, ?> m && m.containsKey("numerator") && m.containsKey("denominator")) {
            numerator = m.get("numerator");
            denominator = m.get("denominator");
        } else {
            throw new EsmondValidationException(field, value,
                    "a percentage is written as {numerator, denominator} (an EsmondPercentage or a Map), not a ratio",
                    context);
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("numerator", wholeNumber(field + " numerator", numerator, context, true));
        Object d = wholeNumber(field + " denominator", denominator, context, true);
        if (d instanceof Long l && l == 0) {
            throw new EsmondValidationException(field + " denominator", denominator, "must be more than 0", context);
        }
        wire.put("denominator", d);
        return wire;
    }

    private static Map<String, Object> histogram(String field, Object value, String context) {
        if (!(value instanceof Map<?, ?> buckets)) {
            throw new EsmondValidationException(field, value, "a histogram is a Map of bucket to count", context);
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : buckets.entrySet()) {
            if (e.getKey() == null) {
                throw new EsmondValidationException(field, value, "a histogram bucket is null", context);
            }
            String bucket = e.getKey().toString();
            wire.put(bucket, wholeNumber(field + " bucket " + bucket, e.getValue(), context, true));
        }
        return wire;
    }

    private static List<Object> subintervals(String field, Object value, String context) {
        if (!(value instanceof Collection<?> items) || items.isEmpty()) {
            throw new EsmondValidationException(field, value,
                    "subintervals are a non-empty list of {start, duration, val}", context);
        }
        List<Object> wire = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> one = new LinkedHashMap<>();
            if (item instanceof EsmondSubinterval s) {
                one.put("start", s.start());
                one.put("duration", s.duration());
                one.put("val", s.val());
            } else if (item instanceof Map<?, ?> m && m.containsKey("start") && m.containsKey("duration")
                    && m.containsKey("val")) {
                one.put("start", m.get("start"));
                one.put("duration", m.get("duration"));
                one.put("val", m.get("val"));
            } else {
                throw new EsmondValidationException(field, item, "each subinterval needs start, duration and val",
                        context);
            }
            for (Map.Entry<String, Object> e : one.entrySet()) {
                if (e.getValue() == null) {
                    throw new EsmondValidationException(field + " " + e.getKey(), null, "must not be null", context);
                }
                number(field + " " + e.getKey(), e.getValue(), context, "a number");
            }
            wire.add(one);
        }
        return wire;
    }

    private static Object json(String field, Object value, String context) {
        try {
            JsonNode tree = value instanceof JsonNode n
                    ? n
                    : value instanceof CharSequence cs
                            ? MAPPER.getNodeFactory().textNode(cs.toString())
                            : MAPPER.valueToTree(value);
            return MAPPER.treeToValue(tree, Object.class);
        } catch (Exception e) {
            throw new EsmondValidationException(field, value, "cannot be written as JSON: " + e.getMessage(), context);
        }
    }
}
