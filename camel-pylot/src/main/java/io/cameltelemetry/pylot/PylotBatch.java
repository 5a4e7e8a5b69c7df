package io.cameltelemetry.pylot;

import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.pylot.model.MeasurementsRow;

/**
 * Measurements grouped into PYLOT rows, exactly as the reference client's accumulator groups them: one row per (node,
 * timestamp); nodes in first-seen order, a node's timestamps in first-seen order, metrics in first-insertion order,
 * and the last value of a (node, timestamp, metric) wins while keeping its original position.
 * <p>
 * This is the body {@link PylotAggregationStrategy} builds and the {@code pylot} producer sends. It is
 * {@link Serializable}, so a persistent {@code AggregationRepository} can store it. It is not thread-safe; Camel's
 * aggregator serialises access per correlation key.
 * <p>
 * Every value is validated before it is added (see {@link MeasurementCollector}). The node or metric of an entry may
 * be left {@code null} by {@link PylotAggregationStrategy} when the incoming message did not name one; the producer
 * fills those from its own {@code node}/{@code metric} options before sending.
 */
public final class PylotBatch implements Iterable<MeasurementsRow>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, LinkedHashMap<LocalDateTime, LinkedHashMap<String, Number>>> nodes = new LinkedHashMap<>();
    private int rowCount;
    private long measurementCount;
    private boolean unresolved;

    /**
     * Adds one validated measurement.
     *
     * @param node      node name, or null to leave it to the producer's default
     * @param timestamp non-null local timestamp, already truncated to seconds
     * @param metric    metric id, or null to leave it to the producer's default
     * @param value     non-null finite value
     */
    void put(String node, LocalDateTime timestamp, String metric, Number value) {
        if (metric == null) {
            unresolved = true;
        }
        if (row(node, timestamp).put(metric, value) == null) {
            measurementCount++;
        }
    }

    /** Adds the first {@code n} validated metrics of one row, looking the row up once. */
    void putRow(String node, LocalDateTime timestamp, String[] metrics, Number[] values, int n) {
        LinkedHashMap<String, Number> data = row(node, timestamp);
        for (int i = 0; i < n; i++) {
            if (data.put(metrics[i], values[i]) == null) {
                measurementCount++;
            }
        }
    }

    /** The data map of the row (node, timestamp), created in first-seen position when new. */
    private LinkedHashMap<String, Number> row(String node, LocalDateTime timestamp) {
        if (node == null) {
            unresolved = true;
        }
        LinkedHashMap<LocalDateTime, LinkedHashMap<String, Number>> rows = nodes.computeIfAbsent(node,
                k -> new LinkedHashMap<>());
        LinkedHashMap<String, Number> data = rows.get(timestamp);
        if (data == null) {
            data = new LinkedHashMap<>();
            rows.put(timestamp, data);
            rowCount++;
        }
        return data;
    }

    /** Adds every measurement of another batch, keeping this batch's order for rows it already has. */
    public void addAll(PylotBatch other) {
        other.nodes.forEach((node, rows) -> rows.forEach((ts, data) -> data.forEach((m, v) -> put(node, ts, m, v))));
    }

    /**
     * The batch with missing nodes and metrics filled from the given defaults (null = none).
     *
     * @param batch         every complete entry
     * @param missingNode   entries still without a node, left out
     * @param missingMetric entries still without a metric, left out
     */
    public record Resolution(PylotBatch batch, long missingNode, long missingMetric) {
    }

    /** Fills missing nodes and metrics from the defaults; entries that stay incomplete are counted and left out. */
    public Resolution resolve(String defaultNode, String defaultMetric) {
        PylotBatch resolved = new PylotBatch();
        long noNode = 0;
        long noMetric = 0;
        for (Map.Entry<String, LinkedHashMap<LocalDateTime, LinkedHashMap<String, Number>>> n : nodes.entrySet()) {
            String node = n.getKey() != null ? n.getKey() : defaultNode;
            for (Map.Entry<LocalDateTime, LinkedHashMap<String, Number>> r : n.getValue().entrySet()) {
                for (Map.Entry<String, Number> m : r.getValue().entrySet()) {
                    String metric = m.getKey() != null ? m.getKey() : defaultMetric;
                    if (node == null) {
                        noNode++;
                    } else if (metric == null) {
                        noMetric++;
                    } else {
                        resolved.put(node, r.getKey(), metric, m.getValue());
                    }
                }
            }
        }
        return new Resolution(resolved, noNode, noMetric);
    }

    /** Number of rows (distinct node + timestamp pairs). */
    public int rowCount() {
        return rowCount;
    }

    /** Number of distinct (node, timestamp, metric) values held. */
    public long measurementCount() {
        return measurementCount;
    }

    /** Whether some entry still needs the producer's default node or metric. */
    public boolean hasUnresolved() {
        return unresolved;
    }

    public boolean isEmpty() {
        return rowCount == 0;
    }

    /** The rows in wire order. */
    public List<MeasurementsRow> toRows() {
        List<MeasurementsRow> rows = new ArrayList<>(rowCount);
        for (Map.Entry<String, LinkedHashMap<LocalDateTime, LinkedHashMap<String, Number>>> n : nodes.entrySet()) {
            for (Map.Entry<LocalDateTime, LinkedHashMap<String, Number>> r : n.getValue().entrySet()) {
                rows.add(new MeasurementsRow(n.getKey(), r.getKey(), r.getValue()));
            }
        }
        return rows;
    }

    /** Visits the rows in wire order without copying them; the data maps must not be modified. */
    public void forEachRow(RowVisitor visitor) throws Exception {
        for (Map.Entry<String, LinkedHashMap<LocalDateTime, LinkedHashMap<String, Number>>> n : nodes.entrySet()) {
            for (Map.Entry<LocalDateTime, LinkedHashMap<String, Number>> r : n.getValue().entrySet()) {
                visitor.visit(n.getKey(), r.getKey(), r.getValue());
            }
        }
    }

    /** The rows in wire order (a snapshot). */
    @Override
    public Iterator<MeasurementsRow> iterator() {
        return toRows().iterator();
    }

    @Override
    public String toString() {
        return "PylotBatch[rows=" + rowCount + ", measurements=" + measurementCount + "]";
    }

    /** Receives the rows of a batch in wire order. */
    @FunctionalInterface
    public interface RowVisitor {
        void visit(String node, LocalDateTime timestamp, Map<String, Number> data) throws Exception;
    }
}
