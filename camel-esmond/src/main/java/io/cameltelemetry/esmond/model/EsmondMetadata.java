package io.cameltelemetry.esmond.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One esmond metadata (a measurement series: who measured what between which hosts with which tool), in esmond's own
 * dashed JSON form: Jackson reads and writes it as the archive does. The subject fields are properties; free-form
 * parameters ({@code ip-transport-protocol}, {@code time-duration}, {@code bw-parallel-streams}, any unknown key) are
 * kept in {@link #getParameters()} and pass through unchanged (the server answers them as strings). The paging extras
 * of the first element of a list page ({@code metadata-count-total}, {@code metadata-next-page},
 * {@code metadata-previous-page}) are not kept.
 * <p>
 * To post one, set the seven subject fields and add event types:
 *
 * <pre>
 * EsmondMetadata m = new EsmondMetadata().setSubjectType("point-to-point").setSource("10.0.0.1")
 *         .setDestination("10.0.0.2").setMeasurementAgent("10.0.0.1").setInputSource("host1")
 *         .setInputDestination("host2").setToolName("bwctl/iperf3").setParameter("time-duration", 30)
 *         .addEventType("throughput").addSummary("throughput", "average", 86400);
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "metadata-key", "subject-type", "source", "destination", "measurement-agent", "input-source",
        "input-destination", "tool-name", "uri", "url", "event-types" })
public final class EsmondMetadata {

    /** Keys of a list page's first element that describe the page, not the metadata. */
    private static final Set<String> PAGING = Set.of("metadata-count-total", "metadata-next-page",
            "metadata-previous-page");

    private String metadataKey;
    private String subjectType;
    private String source;
    private String destination;
    private String measurementAgent;
    private String inputSource;
    private String inputDestination;
    private String toolName;
    private String uri;
    private String url;
    private List<EsmondEventType> eventTypes = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    @JsonProperty("metadata-key")
    public String getMetadataKey() {
        return metadataKey;
    }

    public EsmondMetadata setMetadataKey(String metadataKey) {
        this.metadataKey = metadataKey;
        return this;
    }

    /** {@code point-to-point} or {@code network-element}. */
    @JsonProperty("subject-type")
    public String getSubjectType() {
        return subjectType;
    }

    public EsmondMetadata setSubjectType(String subjectType) {
        this.subjectType = subjectType;
        return this;
    }

    @JsonProperty("source")
    public String getSource() {
        return source;
    }

    public EsmondMetadata setSource(String source) {
        this.source = source;
        return this;
    }

    @JsonProperty("destination")
    public String getDestination() {
        return destination;
    }

    public EsmondMetadata setDestination(String destination) {
        this.destination = destination;
        return this;
    }

    @JsonProperty("measurement-agent")
    public String getMeasurementAgent() {
        return measurementAgent;
    }

    public EsmondMetadata setMeasurementAgent(String measurementAgent) {
        this.measurementAgent = measurementAgent;
        return this;
    }

    @JsonProperty("input-source")
    public String getInputSource() {
        return inputSource;
    }

    public EsmondMetadata setInputSource(String inputSource) {
        this.inputSource = inputSource;
        return this;
    }

    @JsonProperty("input-destination")
    public String getInputDestination() {
        return inputDestination;
    }

    public EsmondMetadata setInputDestination(String inputDestination) {
        this.inputDestination = inputDestination;
        return this;
    }

    @JsonProperty("tool-name")
    public String getToolName() {
        return toolName;
    }

    public EsmondMetadata setToolName(String toolName) {
        this.toolName = toolName;
        return this;
    }

    /** The absolute path of this metadata as the server gives it (alias included), or null. */
    @JsonProperty("uri")
    public String getUri() {
        return uri;
    }

    public EsmondMetadata setUri(String uri) {
        this.uri = uri;
        return this;
    }

    /** The absolute URL of this metadata as the server gives it, or null. */
    @JsonProperty("url")
    public String getUrl() {
        return url;
    }

    public EsmondMetadata setUrl(String url) {
        this.url = url;
        return this;
    }

    @JsonProperty("event-types")
    public List<EsmondEventType> getEventTypes() {
        return eventTypes;
    }

    public EsmondMetadata setEventTypes(List<EsmondEventType> eventTypes) {
        this.eventTypes = eventTypes == null ? new ArrayList<>() : new ArrayList<>(eventTypes);
        return this;
    }

    /** The free-form parameters, in the order they came (live view; keys are dashed esmond names). */
    @JsonAnyGetter
    public Map<String, Object> getParameters() {
        return parameters;
    }

    /** Sets a free-form parameter ({@code time-duration}, {@code bw-parallel-streams}...); null removes it. */
    @JsonAnySetter
    public EsmondMetadata setParameter(String key, Object value) {
        if (PAGING.contains(key)) {
            return this;
        }
        if (value == null) {
            parameters.remove(key);
        } else {
            parameters.put(key, value);
        }
        return this;
    }

    /** A free-form parameter as text, or null. */
    public String getParameter(String key) {
        Object v = parameters.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** The event type of this name, or null. */
    public EsmondEventType eventType(String name) {
        for (EsmondEventType e : eventTypes) {
            if (Objects.equals(e.getEventType(), name)) {
                return e;
            }
        }
        return null;
    }

    /** The names of the event types, in order. */
    @JsonIgnore
    public List<String> getEventTypeNames() {
        return eventTypes.stream().map(EsmondEventType::getEventType).toList();
    }

    /** Adds an event type without summaries, unless it is there already. */
    public EsmondMetadata addEventType(String eventType) {
        if (eventType(eventType) == null) {
            eventTypes.add(EsmondEventType.of(eventType));
        }
        return this;
    }

    /**
     * Sets the summaries of one type of an event type (created when missing), as the Python client's
     * {@code add_summary_type}: the given windows first, then the event type's summaries of other types.
     */
    public EsmondMetadata addSummary(String eventType, String summaryType, long... windows) {
        addEventType(eventType);
        for (int i = 0; i < eventTypes.size(); i++) {
            if (Objects.equals(eventTypes.get(i).getEventType(), eventType)) {
                eventTypes.set(i, eventTypes.get(i).withSummaries(summaryType, windows));
            }
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsmondMetadata m && Objects.equals(metadataKey, m.metadataKey)
                && Objects.equals(subjectType, m.subjectType) && Objects.equals(source, m.source)
                && Objects.equals(destination, m.destination) && Objects.equals(measurementAgent, m.measurementAgent)
                && Objects.equals(inputSource, m.inputSource) && Objects.equals(inputDestination, m.inputDestination)
                && Objects.equals(toolName, m.toolName) && Objects.equals(uri, m.uri) && Objects.equals(url, m.url)
                && eventTypes.equals(m.eventTypes) && parameters.equals(m.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadataKey, source, destination, toolName, eventTypes);
    }

    @Override
    public String toString() {
        return "EsmondMetadata[" + (metadataKey == null ? "" : metadataKey + " ") + subjectType + " " + source
                + (destination == null ? "" : " -> " + destination) + " " + toolName + " " + eventTypes
                + (parameters.isEmpty() ? "" : " " + parameters) + "]";
    }
}
