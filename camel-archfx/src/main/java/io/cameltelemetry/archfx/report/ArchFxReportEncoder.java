package io.cameltelemetry.archfx.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.archfx.ArchFxValidationException;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes ArchFX {@code v200} streamer reports (the reference's {@code ArchFXFlexibleDictionaryReport}) with msgpack-java's
 * {@link MessagePacker}, byte for byte as msgpack-python's {@code packb(use_bin_type=True)} does: one map of 9 entries
 * in the order {@code format, device, streamer_index, streamer_selector, seqid, lowest_id, highest_id, sent_timestamp,
 * events}, each event a map of 6 ({@code stream, dev_seqid, timestamp, value, extra_data, data}); integers in their
 * smallest form, every value a float64, timestamps as {@code yyyy-MM-ddTHH:mm:ss[.SSSSSS]+00:00} (microseconds only
 * when non-zero), {@code extra_data} {@code {}} and {@code data} nil when absent, lowest/highest ids ignoring 0.
 * Summary and raw data may hold maps, lists, strings, booleans, numbers, {@code byte[]} (msgpack bin) and times (packed
 * as timestamp strings). It streams: nothing but the packer's buffer is held.
 */
public final class ArchFxReportEncoder {

    /** The report header: everything but the readings. */
    public record Header(ArchFxDeviceSlug device, int streamerIndex, int streamerSelector, long reportId,
            Instant sentTimestamp) {
    }

    private ArchFxReportEncoder() {
    }

    /** The report as bytes. */
    public static byte[] encode(Header header, List<ArchFxDataPoint> points) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + points.size() * 96);
        encode(header, points, out);
        return out.toByteArray();
    }

    /** The lowest and highest reading ids of points as a report carries them: 0 (no id) ignored; 0 and 0 for none. */
    public record IdRange(long lowest, long highest) {

        public static final IdRange NONE = new IdRange(0, 0);

        public static IdRange of(List<ArchFxDataPoint> points) {
            IdRange range = NONE;
            for (ArchFxDataPoint p : points) {
                range = range.plus(new IdRange(p.readingId(), p.readingId()));
            }
            return range;
        }

        /** The range of both (unsigned, as the ids are packed). */
        public IdRange plus(IdRange other) {
            long lo = lowest == 0 || other.lowest != 0 && Long.compareUnsigned(other.lowest, lowest) < 0
                    ? other.lowest
                    : lowest;
            long hi = Long.compareUnsigned(other.highest, highest) > 0 ? other.highest : highest;
            return new IdRange(lo, hi);
        }
    }

    /** Writes the report to {@code out} (not closed). */
    public static void encode(Header header, List<ArchFxDataPoint> points, OutputStream out) throws IOException {
        IdRange ids = IdRange.of(points);
        long lowest = ids.lowest();
        long highest = ids.highest();
        MessagePacker packer = MessagePack.newDefaultPacker(out);
        packer.packMapHeader(9);
        packer.packString("format").packString("v200");
        packer.packString("device");
        packUnsigned(packer, header.device().id());
        packer.packString("streamer_index").packLong(header.streamerIndex());
        packer.packString("streamer_selector").packLong(header.streamerSelector());
        packer.packString("seqid").packLong(header.reportId());
        packer.packString("lowest_id").packLong(lowest);
        packer.packString("highest_id").packLong(highest);
        packer.packString("sent_timestamp");
        if (header.sentTimestamp() == null) {
            packer.packNil();
        } else {
            packer.packString(timestamp(header.sentTimestamp()));
        }
        packer.packString("events").packArrayHeader(points.size());
        for (ArchFxDataPoint p : points) {
            packer.packMapHeader(6);
            packer.packString("stream").packLong(p.stream().id());
            packer.packString("dev_seqid").packLong(p.readingId());
            packer.packString("timestamp").packString(timestamp(p.timestamp()));
            packer.packString("value").packDouble(p.value());
            packer.packString("extra_data");
            if (p.summaryData() == null) {
                packer.packMapHeader(0);
            } else {
                packValue(packer, p.summaryData(), "summaryData");
            }
            packer.packString("data");
            if (p.rawData() == null) {
                packer.packNil();
            } else {
                packValue(packer, p.rawData(), "rawData");
            }
        }
        packer.flush();
    }

    private static void packUnsigned(MessagePacker packer, long value) throws IOException {
        if (value >= 0) {
            packer.packLong(value);
        } else {
            packer.packBigInteger(new BigInteger(Long.toUnsignedString(value)));
        }
    }

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** A summary/raw data value, packed as msgpack-python packs the Python value. */
    static void packValue(MessagePacker packer, Object value, String field) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof CharSequence s) {
            packer.packString(s.toString());
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value instanceof Double || value instanceof Float) {
            packer.packDouble(((Number) value).doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            packer.packLong(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            if (b.compareTo(MIN) < 0 || b.compareTo(MAX) > 0) {
                throw new ArchFxValidationException(field, b, "an integer must lie between -2^63 and 2^64-1");
            }
            packer.packBigInteger(b);
        } else if (value instanceof BigDecimal d) {
            packer.packDouble(d.doubleValue());
        } else if (value instanceof byte[] bytes) {
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        } else if (value instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                packValue(packer, e.getKey(), field);
                packValue(packer, e.getValue(), field);
            }
        } else if (value instanceof Collection<?> list) {
            packer.packArrayHeader(list.size());
            for (Object item : list) {
                packValue(packer, item, field);
            }
        } else if (value instanceof Object[] array) {
            packer.packArrayHeader(array.length);
            for (Object item : array) {
                packValue(packer, item, field);
            }
        } else if (value instanceof Instant i) {
            packer.packString(timestamp(i));
        } else if (value instanceof OffsetDateTime t) {
            packer.packString(timestamp(t.toInstant()));
        } else if (value instanceof ZonedDateTime t) {
            packer.packString(timestamp(t.toInstant()));
        } else if (value instanceof LocalDateTime t) {
            packer.packString(timestamp(t.toInstant(ZoneOffset.UTC))); // naive = already UTC, as the reference
        } else {
            throw new ArchFxValidationException(field, value, "cannot be packed: use maps, lists, strings, booleans, "
                    + "numbers, byte[] or times (" + value.getClass().getName() + ")");
        }
    }

    /** {@code 2021-01-20T00:00:00+00:00}, or with {@code .SSSSSS} when the microseconds are not zero. */
    public static String timestamp(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(32);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        int micros = t.get(ChronoField.MICRO_OF_SECOND);
        if (micros != 0) {
            pad(b.append('.'), micros, 6);
        }
        return b.append("+00:00").toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
