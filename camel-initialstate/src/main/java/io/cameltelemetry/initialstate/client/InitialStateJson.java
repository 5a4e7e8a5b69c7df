package io.cameltelemetry.initialstate.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.cameltelemetry.common.DecimalText;
import io.cameltelemetry.initialstate.InitialStateEvents;
import io.cameltelemetry.initialstate.model.InitialStateEvent;

/**
 * Writes request bodies of events as ISStreamer does ({@code [{"key", "value", "epoch"}, ...]}, numbers and booleans as
 * JSON numbers and booleans, the epoch in seconds with up to six decimals), split so that no body holds more than
 * {@code maxEvents} events or more than {@code maxBytes} bytes; the order is kept.
 */
public final class InitialStateJson {

    private static final JsonFactory JSON = JsonFactory.builder()
            // Schubfach instead of Double.toString: the shortest digits that read back as the same double, much cheaper
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString EPOCH = new SerializedString("epoch");
    /** The longest epoch written (19 digits of seconds, a point and six decimals), or a value's text. */
    private static final int EPOCH_CHARS = Math.max(26, DecimalText.MAX_CHARS);

    private InitialStateJson() {
    }

    /** The bodies for {@code events}, in order. */
    public static List<byte[]> bodies(List<InitialStateEvent> events, int maxEvents, int maxBytes) {
        List<byte[]> bodies = new ArrayList<>();
        Buffer out = new Buffer();
        char[] digits = new char[EPOCH_CHARS];
        int count = 0;
        // One generator for all events, each a root-level value written after its separator. After each event the
        // generator is flushed, so the buffer holds the body so far: when the event does not fit, the body is cut
        // before it and the event moves to the front of the next one.
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.setRootValueSeparator(null);
            for (InitialStateEvent e : events) {
                int start = out.size();
                out.write(count == 0 ? '[' : ',');
                write(e, gen, digits);
                gen.flush();
                if (count > 0 && (count == maxEvents || out.size() + 1 > maxBytes)) {
                    bodies.add(out.cutBefore(start));
                    count = 0;
                }
                count++;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (count > 0) {
            out.write(']');
            bodies.add(out.toByteArray());
        }
        return bodies;
    }

    /** The bytes of the bodies being written, with the cut {@link #bodies} needs. */
    private static final class Buffer extends ByteArrayOutputStream {

        Buffer() {
            super(8192);
        }

        /**
         * The body up to {@code at} (where the separator of the event that did not fit stands), closed; the event
         * stays, as the first of a new body.
         */
        byte[] cutBefore(int at) {
            buf[at] = ']';
            byte[] body = Arrays.copyOf(buf, at + 1);
            buf[at] = '[';
            System.arraycopy(buf, at, buf, 0, count - at);
            count -= at;
            return body;
        }
    }

    /** How many events a body holds (its top-level array's length), for counting replays. */
    public static int count(byte[] body) {
        try (var parser = JSON.createParser(body)) {
            int depth = 0;
            int count = 0;
            for (var t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t.isStructStart()) {
                    if (depth == 1) {
                        count++;
                    }
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
            return count;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A body of two or more events as two bodies of half the events each (the first half first), the events' JSON kept
     * byte for byte; a body of one event (or an unreadable one) as itself.
     */
    public static List<byte[]> split(byte[] body) {
        List<int[]> spans = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return List.of(body);
            }
            for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int to = (int) parser.currentLocation().getByteOffset();
                spans.add(new int[]{ from, to });
            }
        } catch (IOException e) {
            return List.of(body);
        }
        if (spans.size() < 2) {
            return List.of(body);
        }
        int half = spans.size() / 2;
        return List.of(join(body, spans.subList(0, half)), join(body, spans.subList(half, spans.size())));
    }

    private static byte[] join(byte[] body, List<int[]> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 2);
        for (int[] span : spans) {
            out.write(out.size() == 0 ? '[' : ',');
            out.write(body, span[0], span[1] - span[0]);
        }
        out.write(']');
        return out.toByteArray();
    }

    private static void write(InitialStateEvent e, JsonGenerator gen, char[] digits) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(KEY);
        gen.writeString(e.key());
        gen.writeFieldName(VALUE);
        Object v = e.value();
        if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            DecimalText.write(gen, d, digits);
        } else if (v instanceof Float) {
            gen.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal bd) {
            gen.writeNumber(bd.toPlainString());
        } else if (v instanceof BigInteger bi) {
            gen.writeNumber(bi);
        } else if (v instanceof Number n) {
            gen.writeNumber(new BigDecimal(n.toString()).toPlainString());
        } else {
            gen.writeString(String.valueOf(v));
        }
        gen.writeFieldName(EPOCH);
        Instant epoch = e.epoch();
        if (epoch.getEpochSecond() < 0) {
            gen.writeNumber(InitialStateEvents.toSeconds(epoch).toPlainString());
        } else {
            gen.writeNumber(digits, 0, epochSeconds(epoch, digits));
        }
        gen.writeEndObject();
    }

    /**
     * The epoch in seconds with up to six decimals, trailing zeros dropped (as {@link InitialStateEvents#toSeconds}
     * gives it).
     */
    static String epochSeconds(Instant epoch) {
        if (epoch.getEpochSecond() < 0) {
            return InitialStateEvents.toSeconds(epoch).toPlainString();
        }
        char[] digits = new char[EPOCH_CHARS];
        return new String(digits, 0, epochSeconds(epoch, digits));
    }

    /** Writes the epoch of an instant at or after 1970 into {@code digits}; returns how many chars it took. */
    private static int epochSeconds(Instant epoch, char[] digits) {
        return DecimalText.fixed(epoch.getEpochSecond(), epoch.getNano() / 1000, 6, digits, 0);
    }
}
