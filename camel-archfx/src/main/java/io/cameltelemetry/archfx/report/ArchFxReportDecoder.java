package io.cameltelemetry.archfx.report;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * Reads ArchFX {@code v200} streamer reports back (as {@link ArchFxReportEncoder} writes them and the cloud reads
 * them): key order is free, unknown keys are skipped, timestamps may end in {@code +00:00} or {@code Z} or be naive
 * (UTC). Summary and raw data come back as plain Java values (LinkedHashMap, ArrayList, String, Long, BigInteger,
 * Double, Boolean, byte[], null).
 */
public final class ArchFxReportDecoder {

    private ArchFxReportDecoder() {
    }

    /** A report from its bytes. */
    public static ArchFxReport decode(byte[] report) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(report)) {
            return decode(unpacker);
        }
    }

    /** A report from a stream (read to the end of the report's map). */
    public static ArchFxReport decode(InputStream in) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in)) {
            return decode(unpacker);
        }
    }

    private static ArchFxReport decode(MessageUnpacker unpacker) throws IOException {
        Map<String, Object> top = asMap(toJava(unpacker.unpackValue()), "report");
        if (!"v200".equals(top.get("format"))) {
            throw new IOException("not a v200 report: format " + top.get("format"));
        }
        List<ArchFxDataPoint> events = new ArrayList<>();
        Object list = top.get("events");
        if (!(list instanceof List<?> items)) {
            throw new IOException("a v200 report has an events array");
        }
        int i = 0;
        for (Object item : items) {
            Map<String, Object> e = asMap(item, "event " + i++);
            @SuppressWarnings("unchecked")
            Map<String, Object> extra = e.get("extra_data") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> data = e.get("data") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            events.add(new ArchFxDataPoint(parseTimestamp(String.valueOf(e.get("timestamp"))),
                    ArchFxVariableId.of(number(e.get("stream"), "stream")), ((Number) e.get("value")).doubleValue(),
                    extra, data, number(e.get("dev_seqid"), "dev_seqid")));
        }
        return new ArchFxReport("v200", number(top.get("device"), "device"), (int) number(top.get("streamer_index"),
                "streamer_index"), (int) number(top.get("streamer_selector"), "streamer_selector"),
                number(top.get("seqid"), "seqid"), number(top.get("lowest_id"), "lowest_id"),
                number(top.get("highest_id"), "highest_id"), (String) top.get("sent_timestamp"), events);
    }

    private static long number(Object value, String field) throws IOException {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value == null) {
            return 0;
        }
        throw new IOException("a v200 report's " + field + " is a number, not " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) throws IOException {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IOException(what + " is not a map");
        }
        return (Map<String, Object>) m;
    }

    /** A packed timestamp: {@code ...+00:00}, {@code ...Z}, or naive (UTC). */
    public static Instant parseTimestamp(String text) throws IOException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IOException("not a report timestamp: " + text, e2);
            }
        }
    }

    /** A msgpack value as plain Java. */
    static Object toJava(Value v) {
        switch (v.getValueType()) {
            case NIL :
                return null;
            case BOOLEAN :
                return v.asBooleanValue().getBoolean();
            case INTEGER :
                return v.asIntegerValue().isInLongRange()
                        ? (Object) v.asIntegerValue().toLong()
                        : v.asIntegerValue().toBigInteger();
            case FLOAT :
                return v.asFloatValue().toDouble();
            case STRING :
                return v.asStringValue().asString();
            case BINARY :
                return v.asBinaryValue().asByteArray();
            case ARRAY :
                List<Object> list = new ArrayList<>();
                for (Value item : v.asArrayValue()) {
                    list.add(toJava(item));
                }
                return list;
            case MAP :
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) {
                    map.put(toJava(e.getKey()), toJava(e.getValue()));
                }
                return map;
            default :
                return v.toString();
        }
    }
}
