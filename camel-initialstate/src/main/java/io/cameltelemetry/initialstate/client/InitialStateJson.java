package io.cameltelemetry.initialstate.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
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

    private InitialStateJson() {
    }

    /** The bodies for {@code events}, in order. */
    public static List<byte[]> bodies(List<InitialStateEvent> events, int maxEvents, int maxBytes) {
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        ByteArrayOutputStream one = new ByteArrayOutputStream(256);
        int count = 0;
        // one generator for all events: each is a root-level value, flushed into "one" to learn its size
        try (JsonGenerator gen = JSON.createGenerator(one)) {
            gen.setRootValueSeparator(null);
            for (InitialStateEvent e : events) {
                one.reset();
                write(e, gen);
                gen.flush();
                if (count > 0 && (count == maxEvents || body.size() + 1 + one.size() + 1 > maxBytes)) {
                    body.write(']');
                    bodies.add(body.toByteArray());
                    body.reset();
                    count = 0;
                }
                body.write(count == 0 ? '[' : ',');
                one.writeTo(body);
                count++;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (count > 0) {
            body.write(']');
            bodies.add(body.toByteArray());
        }
        return bodies;
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

    private static void write(InitialStateEvent e, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("key", e.key());
        gen.writeFieldName("value");
        Object v = e.value();
        if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
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
        gen.writeFieldName("epoch");
        gen.writeNumber(epochSeconds(e.epoch()));
        gen.writeEndObject();
    }

    /**
     * The epoch in seconds with up to six decimals, trailing zeros dropped (as {@link InitialStateEvents#toSeconds}
     * gives it), without BigDecimal arithmetic for the usual instants after 1970.
     */
    static String epochSeconds(Instant epoch) {
        long seconds = epoch.getEpochSecond();
        int micros = epoch.getNano() / 1000;
        if (seconds < 0 && micros > 0) {
            return InitialStateEvents.toSeconds(epoch).toPlainString();
        }
        if (micros == 0) {
            return Long.toString(seconds);
        }
        String fraction = Integer.toString(1_000_000 + micros).substring(1); // six digits, leading zeros kept
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        return seconds + "." + fraction.substring(0, end);
    }
}
