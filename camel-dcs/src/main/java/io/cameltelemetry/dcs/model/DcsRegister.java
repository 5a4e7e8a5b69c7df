package io.cameltelemetry.dcs.model;

import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A meter register; its {@code id} is what readings are asked for ({@code R<id>}). {@code scaleFactor} and
 * {@code defaultScaleFactor} are strings and either may be empty: see {@link #effectiveScaleFactor()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DcsRegister(long id, String address, @JsonProperty("isInstantaneous") boolean instantaneous, String name,
        String scaleFactor, String defaultScaleFactor, String unit) implements Serializable {

    /** {@code scaleFactor} when non-empty, else {@code defaultScaleFactor} when non-empty, else 1. */
    public double effectiveScaleFactor() {
        for (String factor : new String[]{ scaleFactor, defaultScaleFactor }) {
            if (factor != null && !factor.isBlank()) {
                try {
                    return Double.parseDouble(factor.trim());
                } catch (NumberFormatException e) {
                    // not a number: fall through to the next rule, as an empty one would
                }
            }
        }
        return 1.0;
    }
}
