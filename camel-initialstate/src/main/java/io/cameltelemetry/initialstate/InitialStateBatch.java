package io.cameltelemetry.initialstate;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cameltelemetry.initialstate.model.InitialStateEvent;

/**
 * Checked events gathered by {@link InitialStateAggregationStrategy}, in arrival order: the body the
 * {@code initialstate} producer sends as it is. {@link Serializable}, so a persistent aggregation repository can store
 * it. Not thread-safe; Camel's aggregator serialises access per correlation key.
 */
public final class InitialStateBatch implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    // room for a typical batch from the start: growing a list of thousands one copy at a time showed in profiles
    private final ArrayList<InitialStateEvent> events = new ArrayList<>(512);

    void add(InitialStateEvent event) {
        events.add(event);
    }

    void addAll(List<InitialStateEvent> more) {
        events.addAll(more);
    }

    /** The events, in arrival order. */
    public List<InitialStateEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    @Override
    public String toString() {
        return "InitialStateBatch[" + events.size() + " events]";
    }
}
