package io.cameltelemetry.esmond;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cameltelemetry.esmond.model.EsmondDataPoint;

/**
 * Checked points gathered by {@link EsmondAggregationStrategy}, in arrival order, each with its event type and its
 * value in esmond's wire form: the body {@code esmond:bulk} sends as it is. {@link Serializable}, so a persistent
 * aggregation repository can store it. Not thread-safe; Camel's aggregator serialises access per correlation key.
 */
public final class EsmondBatch implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ArrayList<EsmondDataPoint> points = new ArrayList<>();

    void addAll(List<EsmondDataPoint> more) {
        points.addAll(more);
    }

    /** The points, in arrival order. */
    public List<EsmondDataPoint> points() {
        return Collections.unmodifiableList(points);
    }

    public int size() {
        return points.size();
    }

    @Override
    public String toString() {
        return "EsmondBatch[" + points.size() + " points]";
    }
}
