package io.cameltelemetry.dcs.model;

import java.io.Serializable;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A DCS virtual meter ({@code VM<id>}): an expression over register aliases. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DcsVirtualMeter(long id, String name, String expression, Integer decimalPlaces,
        @JsonProperty("isInstantaneous") boolean instantaneous, String unit,
        List<DcsRegisterAlias> registerAliases) implements Serializable {

    public DcsVirtualMeter {
        registerAliases = registerAliases == null ? List.of() : List.copyOf(registerAliases);
    }
}
