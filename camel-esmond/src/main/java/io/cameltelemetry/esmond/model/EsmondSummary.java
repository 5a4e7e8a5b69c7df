package io.cameltelemetry.esmond.model;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One summary of an event type: its type, its window in seconds (a string in esmond's answers, an integer when posted:
 * we keep the number), and as the server answers them, its last update and URI.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "summary-type", "summary-window", "time-updated", "uri" })
public final class EsmondSummary {

    private final String summaryType;
    private final long summaryWindow;
    private final Long timeUpdated;
    private final String uri;

    @JsonCreator
    public EsmondSummary(@JsonProperty("summary-type") String summaryType,
            @JsonProperty("summary-window") long summaryWindow, @JsonProperty("time-updated") Long timeUpdated,
            @JsonProperty("uri") String uri) {
        this.summaryType = summaryType;
        this.summaryWindow = summaryWindow;
        this.timeUpdated = timeUpdated;
        this.uri = uri;
    }

    /** A summary to post: type (JSON name: aggregation, average, statistics) and window in seconds. */
    public static EsmondSummary of(String summaryType, long summaryWindow) {
        return new EsmondSummary(summaryType, summaryWindow, null, null);
    }

    @JsonProperty("summary-type")
    public String getSummaryType() {
        return summaryType;
    }

    @JsonProperty("summary-window")
    public long getSummaryWindow() {
        return summaryWindow;
    }

    /** When the summary was last written (UNIX seconds), or null. */
    @JsonProperty("time-updated")
    public Long getTimeUpdated() {
        return timeUpdated;
    }

    /** The absolute path of the summary's data, as the server gives it (alias included), or null. */
    @JsonProperty("uri")
    public String getUri() {
        return uri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsmondSummary s && summaryWindow == s.summaryWindow
                && Objects.equals(summaryType, s.summaryType) && Objects.equals(timeUpdated, s.timeUpdated)
                && Objects.equals(uri, s.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(summaryType, summaryWindow, timeUpdated, uri);
    }

    @Override
    public String toString() {
        return summaryType + "/" + summaryWindow;
    }
}
