package io.cameltelemetry.archfx;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.common.TelemetryTimes;

/**
 * Turns what routes send into checked data points, before any I/O: {@link ArchFxDataPoint}s; Maps with the record's
 * field names ({@code timestamp} as ISO-8601 text (naive = UTC), epoch millis or a time object; {@code stream} as a
 * number, hex text or {@code ssss-vvvv}; {@code value} as a number, a boolean or numeric text including {@code NaN}
 * and {@code Infinity}; {@code summaryData}, {@code rawData}, {@code readingId}); a collection of these; the same as
 * JSON text; or a bare value with the {@code CamelArchFxStream} and {@code CamelArchFxTimestamp} headers.
 */
public final class ArchFxDataPoints {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ArchFxDataPoints() {
    }

    /**
     * The points of a body.
     *
     * @param stream    the CamelArchFxStream header (for a bare value), or null
     * @param timestamp the CamelArchFxTimestamp header (for a bare value), or null
     */
    public static List<ArchFxDataPoint> of(Object body, Object stream, Object timestamp) {
        Object b = body;
        if (b instanceof byte[] bytes) {
            b = new String(bytes, StandardCharsets.UTF_8);
        }
        if (b instanceof String text && looksLikeJson(text)) {
            try {
                b = MAPPER.readValue(text, Object.class);
            } catch (Exception e) {
                throw new ArchFxValidationException("body", text, "is not JSON: " + e.getMessage());
            }
        }
        List<ArchFxDataPoint> points = new ArrayList<>();
        if (b instanceof ArchFxBatch batch) {
            return batch.points();
        }
        if (b instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                points.add(one(item, null, null, "point " + i++));
            }
        } else {
            points.add(one(b, stream, timestamp, null));
        }
        return points;
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static ArchFxDataPoint one(Object item, Object stream, Object timestamp, String context) {
        if (item instanceof ArchFxDataPoint p) {
            return p;
        }
        if (item instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) map(m.get("summaryData"), "summaryData", context);
            @SuppressWarnings("unchecked")
            Map<String, Object> raw = (Map<String, Object>) map(m.get("rawData"), "rawData", context);
            long readingId = m.get("readingId") == null ? 0 : whole(m.get("readingId"), "readingId", context);
            return new ArchFxDataPoint(time(m.get("timestamp"), context), stream(m.get("stream"), context),
                    value(m.get("value"), context), summary, raw, readingId);
        }
        if (item instanceof Collection<?>) {
            throw new ArchFxValidationException("body", item, "nested collections are not data points", context);
        }
        if (stream == null || timestamp == null) {
            throw new ArchFxValidationException(stream == null ? ArchFxConstants.STREAM : ArchFxConstants.TIMESTAMP, null,
                    "a bare value needs the CamelArchFxStream and CamelArchFxTimestamp headers (or send "
                            + "ArchFxDataPoints or Maps with timestamp, stream and value)",
                    context);
        }
        return new ArchFxDataPoint(time(timestamp, context), stream(stream, context), value(item, context), null, null,
                0);
    }

    private static Map<?, ?> map(Object value, String field, String context) {
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<?, ?>) value;
        }
        throw new ArchFxValidationException(field, value, "must be a map", context);
    }

    private static long whole(Object value, String field, String context) {
        try {
            return new BigDecimal(String.valueOf(value).strip()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ArchFxValidationException(field, value, "must be a whole number", context);
        }
    }

    static ArchFxVariableId stream(Object value, String context) {
        if (value == null) {
            throw new ArchFxValidationException("stream", null, "every data point needs a stream (variable id)",
                    context);
        }
        try {
            Object v = value instanceof Number n && !(n instanceof Long || n instanceof Integer) ? n.longValue() : value;
            return ArchFxVariableId.from(v);
        } catch (IllegalArgumentException e) {
            throw new ArchFxValidationException("stream", value, e.getMessage(), context);
        }
    }

    /** A timestamp: time objects, epoch millis, ISO-8601 text (naive = UTC, as the reference packs it). */
    public static Instant time(Object value, String context) {
        if (value == null) {
            throw new ArchFxValidationException("timestamp", null, "every data point needs a timestamp", context);
        }
        if (value instanceof CharSequence cs) {
            String text = cs.toString().strip();
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException naive) {
                // zoned text: below
            }
        }
        try {
            return TelemetryTimes.toInstant("timestamp", value, ZoneOffset.UTC, ArchFxValidationException::new);
        } catch (ArchFxValidationException e) {
            throw new ArchFxValidationException("timestamp", value, e.getProblem(), context);
        }
    }

    /** A value: a number, a boolean (1.0/0.0) or numeric text including NaN and Infinity. */
    public static double value(Object value, String context) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof CharSequence cs) {
            String t = cs.toString().strip();
            switch (t.toLowerCase(Locale.ROOT)) {
                case "nan" -> {
                    return Double.NaN;
                }
                case "inf", "infinity", "+inf", "+infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return new BigDecimal(t).doubleValue();
                    } catch (NumberFormatException e) {
                        throw new ArchFxValidationException("value", value, "must be a number, a boolean or numeric text",
                                context);
                    }
                }
            }
        }
        throw new ArchFxValidationException("value", value, "must be a number, a boolean or numeric text", context);
    }
}
