package io.cameltelemetry.pylot.model;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * One measured value: the value of metric {@code metric} on node {@code node} at greenhouse-local wall-clock time
 * {@code timestamp}.
 * <p>
 * {@code node}, {@code timestamp} and {@code metric} may be {@code null}; the producer then takes them from the
 * {@code CamelPylotNode}/{@code CamelPylotTimestamp}/{@code CamelPylotMetric} headers or the endpoint's options (a
 * missing timestamp means "now" in the endpoint's {@code zoneId}). Timestamps are truncated to whole seconds.
 *
 * @param node      the customer-side node name (compartment, climate zone, valve...), or null for the default
 * @param timestamp greenhouse-local wall-clock time (no zone), or null for the default
 * @param metric    the PYLOT metric id (numeric ids such as {@code "220"} are preferred), or null for the default
 * @param value     the measured value; must be a finite number
 */
public record Measurement(String node, LocalDateTime timestamp, String metric, Number value) implements Serializable {

    /** A measurement whose node and timestamp come from headers or endpoint options. */
    public static Measurement of(String metric, Number value) {
        return new Measurement(null, null, metric, value);
    }

    /** A fully specified measurement. */
    public static Measurement of(String node, LocalDateTime timestamp, String metric, Number value) {
        return new Measurement(node, timestamp, metric, value);
    }
}
