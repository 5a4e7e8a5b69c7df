package io.cameltelemetry.esmond;

/** What an esmond endpoint does. */
public enum EsmondOperation {
    /** Search metadata (producer). */
    metadata,
    /** Read points (producer) or poll new points (consumer). */
    data,
    /** Create a metadata (producer; idempotent on the server). */
    postMetadata,
    /** Write points one by one (producer). */
    postData,
    /** Write points of several event types in PUT requests (producer). */
    bulk
}
