package io.cameltelemetry.esmond.model;

import java.util.Locale;

/**
 * esmond's summary types: the name in JSON and filters ({@code aggregation}) and the URL segment ({@code aggregations}).
 */
public enum EsmondSummaryType {

    BASE("base", "base"), AGGREGATION("aggregation", "aggregations"), AVERAGE("average", "averages"), STATISTICS("statistics",
            "statistics");

    private final String jsonName;
    private final String urlSegment;

    EsmondSummaryType(String jsonName, String urlSegment) {
        this.jsonName = jsonName;
        this.urlSegment = urlSegment;
    }

    /** The name in JSON, filters and options: base, aggregation, average, statistics. */
    public String jsonName() {
        return jsonName;
    }

    /** The URL segment: base, aggregations, averages, statistics. */
    public String urlSegment() {
        return urlSegment;
    }

    /** Parses a JSON name or URL segment (case-insensitive); null when it is neither. */
    public static EsmondSummaryType parse(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (EsmondSummaryType t : values()) {
            if (t.jsonName.equals(n) || t.urlSegment.equals(n)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
