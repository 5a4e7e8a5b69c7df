package io.cameltelemetry.pylot.client;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.cameltelemetry.pylot.PylotTimestamps;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rows on the wire are byte for byte what Jackson writes with {@code DateTimeFormatter} timestamps and its fast
 * double writer, though timestamps and the usual doubles are written without a String each.
 */
class PylotJsonWriterTest {

    private static final JsonFactory REFERENCE = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @Test
    void rowsAreByteForByteWhatJacksonWrites() throws Exception {
        Random random = new Random(17);
        char[] scratch = PylotJsonWriter.scratch();
        for (int batch = 0; batch < 200; batch++) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ByteArrayOutputStream reference = new ByteArrayOutputStream();
            JsonGenerator gen = PylotJsonWriter.open(ours);
            try (JsonGenerator ref = REFERENCE.createGenerator(reference)) {
                ref.writeStartArray();
                for (int r = 0; r < 100; r++) {
                    LocalDateTime ts = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12),
                            1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60));
                    Map<String, Number> data = new LinkedHashMap<>();
                    for (int m = 0; m < 8; m++) {
                        data.put("m" + m + "\u00e9", value(random, m));
                    }
                    PylotJsonWriter.writeRow(gen, "adapter \"1\"", "Node \u00fc" + r, ts, data, scratch);
                    ref.writeStartObject();
                    ref.writeStringField("adapter", "adapter \"1\"");
                    ref.writeStringField("timestamp", PylotTimestamps.WIRE_FORMAT.format(ts));
                    ref.writeStringField("node", "Node \u00fc" + r);
                    ref.writeObjectFieldStart("data");
                    for (Map.Entry<String, Number> e : data.entrySet()) {
                        ref.writeFieldName(e.getKey());
                        if (e.getValue() instanceof Double d) {
                            ref.writeNumber(d);
                        } else if (e.getValue() instanceof BigDecimal bd) {
                            ref.writeNumber(bd);
                        } else {
                            ref.writeNumber(e.getValue().longValue());
                        }
                    }
                    ref.writeEndObject();
                    ref.writeEndObject();
                }
                ref.writeEndArray();
            }
            PylotJsonWriter.close(gen);
            assertEquals(reference.toString(StandardCharsets.UTF_8), ours.toString(StandardCharsets.UTF_8));
        }
    }

    private static Number value(Random random, int kind) {
        return switch (kind) {
            case 0 -> Math.round(random.nextGaussian() * 2_500) / 100.0; // a temperature
            case 1 -> random.nextInt(1_000_000) / 1_000.0;
            case 2 -> random.nextDouble() * 1e9; // too many digits, or too large, for the short text
            case 3 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL); // any finite double
            case 4 -> random.nextBoolean() ? 0.0 : -0.0;
            case 5 -> (double) random.nextInt(20_000_000) - 10_000_000; // 1.0E7 and beyond: exponent form
            case 6 -> random.nextLong();
            default -> new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(8));
        };
    }
}
