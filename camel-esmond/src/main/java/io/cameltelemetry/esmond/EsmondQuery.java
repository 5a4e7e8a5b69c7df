package io.cameltelemetry.esmond;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.cameltelemetry.esmond.client.EsmondClient;
import io.cameltelemetry.esmond.client.EsmondDataIterator;
import io.cameltelemetry.esmond.model.EsmondEventType;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummary;
import io.cameltelemetry.esmond.model.EsmondSummaryType;

/**
 * What an esmond endpoint's options ask the archive for, as the client's queries: the metadata filters in esmond's
 * order, the time filters, a data request's fixed window, and the series (base or summary) to read. The wire names
 * stay here and in the client; the options and headers are {@code startTime}/{@code endTime}.
 */
final class EsmondQuery {

    private final EsmondConfiguration configuration;
    private final EsmondClient client;
    private final Long time;
    private final Supplier<Clock> clock;

    /**
     * @param configuration the endpoint's options
     * @param client        the endpoint's client (series look up metadata)
     * @param time          the time option in UNIX seconds, or null
     * @param clock         where "now" is read (an open window ends at now)
     */
    EsmondQuery(EsmondConfiguration configuration, EsmondClient client, Long time, Supplier<Clock> clock) {
        this.configuration = configuration;
        this.client = client;
        this.time = time;
        this.clock = clock;
    }

    /** The metadata filters of the options, in the order of esmond's filter table, then the free-form ones by name. */
    EsmondClient.Query metadataFilters(String eventType, EsmondSummaryType summary, Long window) {
        EsmondConfiguration c = configuration;
        EsmondClient.Query q = new EsmondClient.Query().add("source", c.getSource())
                .add("destination", c.getDestination()).add("measurement-agent", c.getMeasurementAgent())
                .add("input-source", c.getInputSource()).add("input-destination", c.getInputDestination())
                .add("tool-name", c.getToolName()).add("event-type", eventType)
                .add("summary-type", summary == null ? null : summary.jsonName()).add("summary-window", window)
                .add("subject-type", c.getSubjectType())
                .add("metadata-key", EsmondEndpoint.blank(c.getMetadataKey()) ? null : c.getMetadataKey())
                .add("dns-match-rule", c.getDnsMatchRule());
        if (c.getFilter() != null) {
            new TreeMap<>(c.getFilter()).forEach(q::add); // in name order: Camel does not keep URI order
        }
        return q;
    }

    /** The time filters of a metadata search, as given (the server applies them to each event type's update time). */
    void addTimeFilters(EsmondClient.Query q, Long start, Long end) {
        q.add("time", time).add("time-start", start).add("time-end", end).add("time-range",
                configuration.getTimeRange());
    }

    /**
     * A data request's fixed window [start, end] (inclusive UNIX seconds; start may be null: from the beginning), from
     * time, startTime, endTime and timeRange as esmond combines them, with an open end fixed at now.
     */
    Window dataWindow(Long start, Long end) {
        Long range = configuration.getTimeRange();
        long now = clock.get().instant().getEpochSecond();
        Window w;
        if (time != null && start == null && end == null) {
            w = new Window(time, time);
        } else if (start != null && end != null) {
            w = new Window(start, end);
        } else if (start != null) {
            w = new Window(start, range != null ? start + range : Math.max(now, start));
        } else if (end != null) {
            w = new Window(range != null ? end - range : null, end);
        } else {
            w = new Window(range != null ? now - range : null, now);
        }
        if (w.start() != null && w.start() > w.end()) {
            throw new EsmondValidationException("startTime", w.start(), "is after the time end " + w.end());
        }
        return w;
    }

    /** A fixed time window of a data request: start (inclusive, null = from the beginning), end (inclusive). */
    record Window(Long start, long end) {
    }

    /**
     * The series of an event type (base, or one summary) to read: of the metadata named by key, or of every metadata
     * the filters match. A metadata without that event type or summary has no series; a named one is an error.
     */
    List<EsmondDataIterator.Series> series(String metadataKey, String eventType, EsmondSummaryType summary, Long window)
            throws Exception {
        List<EsmondDataIterator.Series> series = new ArrayList<>();
        if (!EsmondEndpoint.blank(metadataKey)) {
            EsmondMetadata metadata = client.metadata(metadataKey);
            EsmondDataIterator.Series one = series(metadata, eventType, summary, window);
            if (one == null) {
                throw new EsmondValidationException("eventType", eventType,
                        "metadata " + metadataKey + " has no such event type"
                                + (summary == null || summary == EsmondSummaryType.BASE
                                        ? ""
                                        : " with a " + summary.jsonName() + " summary of " + window + " s")
                                + "; it has " + metadata.getEventTypes());
            }
            series.add(one);
            return series;
        }
        EsmondClient.Query filters = metadataFilters(eventType, summary, window);
        for (EsmondMetadata metadata : client.metadata(filters, configuration.getPageSize())) {
            EsmondDataIterator.Series one = series(metadata, eventType, summary, window);
            if (one != null) {
                series.add(one);
            }
        }
        return series;
    }

    private EsmondDataIterator.Series series(EsmondMetadata metadata, String eventType, EsmondSummaryType summary,
            Long window) {
        EsmondEventType et = metadata.eventType(eventType);
        if (et == null || metadata.getMetadataKey() == null) {
            return null;
        }
        if (summary == null || summary == EsmondSummaryType.BASE) {
            String uri = et.getBaseUri() != null
                    ? et.getBaseUri()
                    : client.path(metadata.getMetadataKey(), eventType, "base");
            return new EsmondDataIterator.Series(metadata, eventType, EsmondSummaryType.BASE, 0, uri);
        }
        EsmondSummary s = et.summary(summary.jsonName(), window);
        if (s == null) {
            return null;
        }
        String uri = s.getUri() != null
                ? s.getUri()
                : client.path(metadata.getMetadataKey(), eventType, summary.urlSegment(), String.valueOf(window));
        return new EsmondDataIterator.Series(metadata, eventType, summary, window, uri);
    }
}
