package io.cameltelemetry.pylot.client;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.cameltelemetry.pylot.PylotTimestamps;

/**
 * Writes PYLOT rows with Jackson's streaming generator: {@code [{"adapter", "timestamp", "node", "data"}, ...]} in the
 * reference client's key order, pure ASCII (non-ASCII escaped as {@code \\uXXXX}, as the reference does).
 */
public final class PylotJsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            // Schubfach instead of Double.toString: same shortest round-trip digits, a fraction of the cost
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private PylotJsonWriter() {
    }

    /** Starts an array of rows on {@code out}. */
    public static JsonGenerator open(OutputStream out) throws IOException {
        JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        gen.writeStartArray();
        return gen;
    }

    /** Writes one row. */
    public static void writeRow(JsonGenerator gen, String adapter, String node, LocalDateTime timestamp,
            Map<String, Number> data)
            throws IOException {
        gen.writeStartObject();
        gen.writeStringField("adapter", adapter);
        gen.writeStringField("timestamp", PylotTimestamps.format(timestamp));
        gen.writeStringField("node", node);
        gen.writeObjectFieldStart("data");
        for (Map.Entry<String, Number> e : data.entrySet()) {
            gen.writeFieldName(e.getKey());
            writeNumber(gen, e.getValue());
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    /** Ends the array and flushes. */
    public static void close(JsonGenerator gen) throws IOException {
        gen.writeEndArray();
        gen.close();
    }

    static void writeNumber(JsonGenerator gen, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            gen.writeNumber(n.intValue());
        } else if (n instanceof Long) {
            gen.writeNumber(n.longValue());
        } else if (n instanceof Double d) {
            gen.writeNumber(d);
        } else if (n instanceof Float f) {
            gen.writeNumber(f);
        } else if (n instanceof BigDecimal bd) {
            gen.writeNumber(bd);
        } else if (n instanceof BigInteger bi) {
            gen.writeNumber(bi);
        } else {
            // AtomicInteger, AtomicLong, LongAdder, ...: by their decimal text, exact for any Number
            gen.writeNumber(new BigDecimal(n.toString()));
        }
    }
}
