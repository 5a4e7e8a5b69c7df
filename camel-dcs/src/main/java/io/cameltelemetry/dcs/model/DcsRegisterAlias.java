package io.cameltelemetry.dcs.model;

import java.io.Serializable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A register used in a virtual meter's expression under an alias such as {@code R1}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DcsRegisterAlias(String alias, long registerId, String registerName) implements Serializable {
}
