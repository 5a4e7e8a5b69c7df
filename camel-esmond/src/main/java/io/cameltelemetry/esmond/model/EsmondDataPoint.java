package io.cameltelemetry.esmond.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of an esmond series: its timestamp (whole seconds, UTC) and its value, typed by the event type's data type:
 * {@code Long} (or {@code Double} for a fractional summary) for integer types, {@code Double} for float types, a ratio
 * {@code Double} for percentages when read ({@link EsmondPercentage} or a {@code {numerator, denominator}} Map to
 * write), {@link EsmondHistogram} (a read-only {@code Map<String, Long>}) for histograms, {@link EsmondHistogramStatistics} for histogram statistics, a
 * {@code List<EsmondSubinterval>} for subintervals, a {@code List<EsmondTraceHop>} for packet traces, otherwise a
 * Jackson {@code JsonNode}.
 *
 * Serializable (for a persistent aggregation repository) when its value is: the values read and the checked values
 * written are.
 *
 * @param timestamp   when (whole seconds)
 * @param value       the typed value
 * @param eventType   the event type, or null where the context says it (a header, the endpoint)
 * @param metadataKey the metadata the point belongs to, or null where the context says it
 */
public record EsmondDataPoint(Instant timestamp, Object value, String eventType, String metadataKey)
        implements
            Serializable {

    public EsmondDataPoint {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A point to write; the event type and metadata come from the endpoint or headers. */
    public static EsmondDataPoint of(Instant timestamp, Object value) {
        return new EsmondDataPoint(timestamp, value, null, null);
    }

    /** A point of an event type to write in a bulk request. */
    public static EsmondDataPoint of(Instant timestamp, String eventType, Object value) {
        return new EsmondDataPoint(timestamp, value, eventType, null);
    }

    /** A point at a UNIX second. */
    public static EsmondDataPoint of(long epochSecond, Object value) {
        return of(Instant.ofEpochSecond(epochSecond), value);
    }

    /** The timestamp in UNIX seconds, as esmond's {@code ts}. */
    public long ts() {
        return timestamp.getEpochSecond();
    }
}
