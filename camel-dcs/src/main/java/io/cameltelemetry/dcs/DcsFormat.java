package io.cameltelemetry.dcs;

import java.util.Locale;

/** The public API's readings format. */
public enum DcsFormat {
    /** {@code value} per reading. */
    STANDARD,
    /** {@code totalValue} and {@code periodValue} per reading (registers only). */
    COMPLETE;

    /** The spelling on the wire: {@code standard}, {@code complete}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code standard} or {@code complete}, any case. */
    public static DcsFormat of(String text) {
        for (DcsFormat f : values()) {
            if (text != null && f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new DcsValidationException("format", text, "must be standard or complete");
    }
}
