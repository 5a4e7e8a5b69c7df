package io.cameltelemetry.esmond.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The data types of esmond's event types (the server's {@code EVENT_TYPE_CONFIG}), each with the summaries the server
 * allows for it and the event types that have it.
 */
public enum EsmondDataType {

    /** Whole numbers (throughput in bits/s, packet counts). */
    INTEGER(EnumSet.of(EsmondSummaryType.AGGREGATION, EsmondSummaryType.AVERAGE), "packet-duplicates",
            "packet-duplicates-bidir", "packet-count-lost", "packet-count-lost-bidir", "packet-count-sent",
            "packet-reorders", "packet-reorders-bidir", "packet-retransmits", "packet-rtt", "tcp-windowsize", "path-mtu",
            "throughput", "ntp-stratum", "ntp-reach"),
    /** Decimal numbers (stored with 4 decimal places). */
    FLOAT(EnumSet.of(EsmondSummaryType.AGGREGATION, EsmondSummaryType.AVERAGE), "ntp-offset", "ntp-jitter", "ntp-wander",
            "ntp-polling-interval", "ntp-delay", "ntp-dispersion", "time-error-estimates"),
    /** Written as {numerator, denominator}, read as a ratio 0..1. */
    PERCENTAGE(EnumSet.of(EsmondSummaryType.AGGREGATION), "packet-loss-rate", "packet-loss-rate-bidir"),
    /** Bucket label to count. */
    HISTOGRAM(EnumSet.of(EsmondSummaryType.AGGREGATION, EsmondSummaryType.STATISTICS), "histogram-owdelay",
            "histogram-rtt", "histogram-ttl", "histogram-ttl-reverse"),
    /** A list of {start, duration, val}. */
    SUBINTERVAL(EnumSet.noneOf(EsmondSummaryType.class), "packet-retransmits-subintervals", "packet-rtt-subintervals",
            "tcp-windowsize-subintervals", "throughput-subintervals"),
    /** Any JSON (packet-trace hops, pscheduler documents). */
    JSON(EnumSet.noneOf(EsmondSummaryType.class), "failures", "iostat", "mpstat", "packet-trace", "packet-trace-multi",
            "pscheduler-raw", "pscheduler-run-href", "rusage", "streams-packet-retransmits",
            "streams-packet-retransmits-subintervals", "streams-packet-rtt", "streams-packet-rtt-subintervals",
            "streams-tcp-windowsize", "streams-tcp-windowsize-subintervals", "streams-tcpinfo", "streams-throughput",
            "streams-throughput-subintervals", "tcpinfo");

    private static final Map<String, EsmondDataType> BY_EVENT_TYPE;

    static {
        Map<String, EsmondDataType> map = new LinkedHashMap<>();
        for (EsmondDataType type : values()) {
            for (String eventType : type.eventTypes) {
                map.put(eventType, type);
            }
        }
        BY_EVENT_TYPE = Collections.unmodifiableMap(map);
    }

    private final Set<EsmondSummaryType> summaries;
    private final String[] eventTypes;

    EsmondDataType(Set<EsmondSummaryType> summaries, String... eventTypes) {
        this.summaries = Collections.unmodifiableSet(summaries);
        this.eventTypes = eventTypes;
    }

    /** The summaries (besides base) the server allows for this data type. */
    public Set<EsmondSummaryType> summaries() {
        return summaries;
    }

    /** Whether a summary type is allowed (base always is). */
    public boolean allows(EsmondSummaryType summary) {
        return summary == EsmondSummaryType.BASE || summaries.contains(summary);
    }

    /** The data type of a known event type, or null for one esmond 4.4 does not know. */
    public static EsmondDataType of(String eventType) {
        return eventType == null ? null : BY_EVENT_TYPE.get(eventType);
    }

    /**
     * How to read an event type's values: its data type; an unknown {@code histogram-} type as a histogram (as the
     * Python client does), any other unknown type as JSON.
     */
    public static EsmondDataType forReading(String eventType) {
        EsmondDataType type = of(eventType);
        if (type != null) {
            return type;
        }
        return eventType != null && eventType.startsWith("histogram-") ? HISTOGRAM : JSON;
    }

    /** Every event type esmond knows, in the server's order. */
    public static Set<String> knownEventTypes() {
        return BY_EVENT_TYPE.keySet();
    }
}
