package io.cameltelemetry.archfx;

/** What an archfx endpoint does. */
public enum ArchFxOperation {
    /** Build and upload v200 streamer reports (producer). */
    report,
    /** The generic REST API (producer). */
    api,
    /** Poll new data points of a stream or device (consumer). */
    data
}
