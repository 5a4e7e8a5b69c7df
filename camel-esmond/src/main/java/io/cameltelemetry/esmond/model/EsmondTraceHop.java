package io.cameltelemetry.esmond.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One hop of a {@code packet-trace}: esmond answers its fields mostly as strings, kept as they came.
 *
 * @param errorMessage null on success
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "ttl", "query", "ip", "rtt", "mtu", "success", "error_message" })
public record EsmondTraceHop(@JsonProperty("ttl") String ttl, @JsonProperty("query") String query,
        @JsonProperty("ip") String ip, @JsonProperty("rtt") String rtt, @JsonProperty("mtu") String mtu,
        @JsonProperty("success") String success, @JsonProperty("error_message") String errorMessage) {
}
