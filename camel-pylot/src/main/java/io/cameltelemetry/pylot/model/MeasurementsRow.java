package io.cameltelemetry.pylot.model;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PYLOT row: all measurements of one node at one greenhouse-local timestamp, as metric id to value in insertion
 * order. This is what goes on the wire as {@code {"adapter", "timestamp", "node", "data"}}.
 * <p>
 * {@code node} and {@code timestamp} may be {@code null}; the producer then takes them from headers or options.
 *
 * @param node      node name, or null for the default
 * @param timestamp greenhouse-local wall-clock time, or null for the default ("now")
 * @param data      metric id to value; iteration order is the order on the wire
 */
public record MeasurementsRow(String node, LocalDateTime timestamp, Map<String, Number> data) implements Serializable {

    public MeasurementsRow {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
