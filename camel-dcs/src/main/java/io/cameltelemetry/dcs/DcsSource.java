package io.cameltelemetry.dcs;

import java.util.Locale;

/** The legacy API's reading source. */
public enum DcsSource {
    AUTOMATIC, MANUAL, MERGED;

    /** The spelling on the wire: {@code automatic}, {@code manual}, {@code merged}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code automatic}, {@code manual} or {@code merged} (lower case, as the API spells them). */
    public static DcsSource of(String text) {
        for (DcsSource s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new DcsValidationException("source", text, "must be automatic, manual or merged");
    }
}
