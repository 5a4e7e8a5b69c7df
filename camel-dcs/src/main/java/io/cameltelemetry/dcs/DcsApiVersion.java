package io.cameltelemetry.dcs;

import java.util.Locale;

/** Which DCS API generation an endpoint talks to. */
public enum DcsApiVersion {
    /** The current public API ("DcsWebApi"), e.g. {@code https://host/DCSWebApi}. */
    PUBLIC,
    /** The deprecated v3 API under {@code https://host/DCS/api}. */
    LEGACY;

    public static DcsApiVersion of(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "public" -> {
                    return PUBLIC;
                }
                case "legacy" -> {
                    return LEGACY;
                }
                default -> {
                }
            }
        }
        throw new DcsValidationException("apiVersion", text, "must be public or legacy");
    }
}
