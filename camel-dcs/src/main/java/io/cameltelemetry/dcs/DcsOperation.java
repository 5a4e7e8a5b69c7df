package io.cameltelemetry.dcs;

/** What a {@code dcs:} endpoint does; the URI path. */
public enum DcsOperation {
    /** Register or virtual-meter readings (producer and polling consumer). */
    readings,
    /** All meters with their registers. */
    meters,
    /** All virtual meters with their register aliases. */
    virtualMeters,
    /** The server status as raw JSON (public API only). */
    status
}
