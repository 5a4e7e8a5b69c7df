package io.cameltelemetry.archfx;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;

/**
 * Checked data points gathered by {@link ArchFxAggregationStrategy}, in arrival order: the body {@code archfx:report}
 * uploads as it is. {@link Serializable} for a persistent aggregation repository. Not thread-safe; Camel's aggregator
 * serialises access per correlation key.
 */
public final class ArchFxBatch implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ArrayList<ArchFxDataPoint> points = new ArrayList<>();

    void addAll(List<ArchFxDataPoint> more) {
        points.addAll(more);
    }

    public List<ArchFxDataPoint> points() {
        return Collections.unmodifiableList(points);
    }

    public int size() {
        return points.size();
    }

    @Override
    public String toString() {
        return "ArchFxBatch[" + points.size() + " points]";
    }
}
