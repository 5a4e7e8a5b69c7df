package io.cameltelemetry.esmond.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An event type of a metadata: its name, its summaries and, as the server answers them, its URIs and last update. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "event-type", "time-updated", "base-uri", "summaries" })
public final class EsmondEventType {

    private final String eventType;
    private final Long timeUpdated;
    private final String baseUri;
    private final List<EsmondSummary> summaries;

    @JsonCreator
    public EsmondEventType(@JsonProperty("event-type") String eventType, @JsonProperty("time-updated") Long timeUpdated,
            @JsonProperty("base-uri") String baseUri, @JsonProperty("summaries") List<EsmondSummary> summaries) {
        this.eventType = eventType;
        this.timeUpdated = timeUpdated;
        this.baseUri = baseUri;
        this.summaries = summaries == null ? List.of() : List.copyOf(summaries);
    }

    /** An event type to post, with its summaries. */
    public static EsmondEventType of(String eventType, EsmondSummary... summaries) {
        return new EsmondEventType(eventType, null, null, List.of(summaries));
    }

    @JsonProperty("event-type")
    public String getEventType() {
        return eventType;
    }

    /** When the event type was last written (UNIX seconds), or null if never. */
    @JsonProperty("time-updated")
    public Long getTimeUpdated() {
        return timeUpdated;
    }

    /** The absolute path of the base data, as the server gives it (alias included), or null. */
    @JsonProperty("base-uri")
    public String getBaseUri() {
        return baseUri;
    }

    @JsonProperty("summaries")
    public List<EsmondSummary> getSummaries() {
        return summaries;
    }

    /** The summary of this type and window, or null. */
    public EsmondSummary summary(String summaryType, long window) {
        for (EsmondSummary s : summaries) {
            if (Objects.equals(s.getSummaryType(), summaryType) && s.getSummaryWindow() == window) {
                return s;
            }
        }
        return null;
    }

    /** This event type's data type (unknown ones read as histogram or JSON). */
    @JsonIgnore
    public EsmondDataType getDataType() {
        return EsmondDataType.forReading(eventType);
    }

    /** A copy with summaries of another type kept and the given ones first (the Python client's add_summary_type). */
    public EsmondEventType withSummaries(String summaryType, long... windows) {
        List<EsmondSummary> merged = new ArrayList<>();
        for (long w : windows) {
            merged.add(EsmondSummary.of(summaryType, w));
        }
        for (EsmondSummary s : summaries) {
            if (!Objects.equals(s.getSummaryType(), summaryType)) {
                merged.add(s);
            }
        }
        return new EsmondEventType(eventType, timeUpdated, baseUri, merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsmondEventType e && Objects.equals(eventType, e.eventType)
                && Objects.equals(timeUpdated, e.timeUpdated) && Objects.equals(baseUri, e.baseUri)
                && summaries.equals(e.summaries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventType, timeUpdated, baseUri, summaries);
    }

    @Override
    public String toString() {
        return eventType + (summaries.isEmpty() ? "" : summaries.toString());
    }
}
