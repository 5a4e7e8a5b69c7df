package io.cameltelemetry.esmond.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code statistics} summary of a histogram event type. esmond computes floats; older answers give minimum, maximum
 * and mode as strings: both are read as numbers. Absent fields are null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "minimum", "maximum", "mean", "median", "mode", "percentile-25", "percentile-75", "percentile-95",
        "standard-deviation", "variance" })
public record EsmondHistogramStatistics(@JsonProperty("minimum") Double minimum, @JsonProperty("maximum") Double maximum,
        @JsonProperty("mean") Double mean, @JsonProperty("median") Double median, @JsonProperty("mode") List<Double> mode,
        @JsonProperty("percentile-25") Double percentile25, @JsonProperty("percentile-75") Double percentile75,
        @JsonProperty("percentile-95") Double percentile95,
        @JsonProperty("standard-deviation") Double standardDeviation, @JsonProperty("variance") Double variance) {
}
