package io.cameltelemetry.archfx.model;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cameltelemetry.archfx.ArchFxValidationException;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;

/**
 * One reading of an ArchFX streamer report (the reference's {@code ArchFXDataPoint}).
 *
 * @param timestamp   when (UTC; packed with microseconds)
 * @param stream      the variable it belongs to
 * @param value       the value (always packed as a float64)
 * @param summaryData the event's {@code extra_data} (may be null: packed as an empty map); must not have a
 *                    {@code value} key
 * @param rawData     the event's {@code data} (may be null: packed as nil)
 * @param readingId   the reading's id ({@code dev_seqid}); 0 = not given (the producer assigns one)
 */
public record ArchFxDataPoint(Instant timestamp, ArchFxVariableId stream, double value, Map<String, Object> summaryData,
        Map<String, Object> rawData, long readingId) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public ArchFxDataPoint {
        if (timestamp == null) {
            throw new ArchFxValidationException("timestamp", null, "every data point needs a timestamp");
        }
        if (stream == null) {
            throw new ArchFxValidationException("stream", null, "every data point needs a stream (variable id)");
        }
        if (summaryData != null && summaryData.containsKey("value")) {
            throw new ArchFxValidationException("summaryData", summaryData.keySet(),
                    "value is not a valid field for summary_data");
        }
        if (readingId < 0) {
            throw new ArchFxValidationException("readingId", readingId, "must be 0 (not given) or more");
        }
        summaryData = summaryData == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(summaryData));
        rawData = rawData == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(rawData));
    }

    /** A point without summary, raw data or reading id. */
    public static ArchFxDataPoint of(Instant timestamp, ArchFxVariableId stream, double value) {
        return new ArchFxDataPoint(timestamp, stream, value, null, null, 0);
    }

    /** The same point with a reading id. */
    public ArchFxDataPoint withReadingId(long id) {
        return new ArchFxDataPoint(timestamp, stream, value, summaryData, rawData, id);
    }
}
