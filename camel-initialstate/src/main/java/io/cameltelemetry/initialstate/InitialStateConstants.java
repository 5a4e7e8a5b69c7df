package io.cameltelemetry.initialstate;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code initialstate} component. */
public final class InitialStateConstants {

    @Metadata(label = "producer", description = "The event key of a single-value body; overrides the key option.", javaType = "String")
    public static final String KEY = "CamelInitialStateKey";
    @Metadata(label = "producer", description = "When the events of this message happened: an Instant (also accepted: "
            + "OffsetDateTime, ZonedDateTime, Date, or epoch seconds as a Number or numeric String, as Initial State's "
            + "epoch; fractions kept to the microsecond). Default: now.", javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelInitialStateTimestamp";
    @Metadata(label = "producer", description = "Send this message to another bucket (created on first use), like "
            + "ISStreamer's set_bucket.", javaType = "String")
    public static final String BUCKET_KEY = "CamelInitialStateBucketKey";
    @Metadata(label = "producer", description = "The name of the bucket created for CamelInitialStateBucketKey. Default: "
            + "the bucket key.", javaType = "String")
    public static final String BUCKET_NAME = "CamelInitialStateBucketName";
    @Metadata(label = "producer", description = "The key prefix of a flattened Map, List or object body; overrides the "
            + "keyPrefix option. An empty value means no prefix.", javaType = "String")
    public static final String KEY_PREFIX = "CamelInitialStateKeyPrefix";
    @Metadata(label = "producer", description = "Result: how many events the message held (sent or spilled).", javaType = "Integer")
    public static final String EVENT_COUNT = "CamelInitialStateEventCount";
    @Metadata(label = "producer", description = "Result: how many requests sending the message took (replays of spilled "
            + "batches not counted).", javaType = "Integer")
    public static final String REQUEST_COUNT = "CamelInitialStateRequestCount";
    @Metadata(label = "producer", description = "Result: how many events of the message could not be sent after the "
            + "retries and were written to the spill file instead (0 when all were "
            + "sent).", javaType = "Integer")
    public static final String SPILLED_EVENT_COUNT = "CamelInitialStateSpilledEventCount";

    private InitialStateConstants() {
    }
}
