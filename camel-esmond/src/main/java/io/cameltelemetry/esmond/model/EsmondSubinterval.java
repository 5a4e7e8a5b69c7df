package io.cameltelemetry.esmond.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One interval of a subinterval event type ({@code throughput-subintervals}...): start and duration in seconds as the
 * server writes them (text such as {@code "0.000000"}) and the value.
 */
@JsonPropertyOrder({ "start", "duration", "val" })
public record EsmondSubinterval(@JsonProperty("start") String start, @JsonProperty("duration") String duration,
        @JsonProperty("val") Number val) {

    /** The start in seconds. */
    public double startSeconds() {
        return Double.parseDouble(start);
    }

    /** The duration in seconds. */
    public double durationSeconds() {
        return Double.parseDouble(duration);
    }
}
