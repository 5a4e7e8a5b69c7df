package io.cameltelemetry.esmond;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code esmond} component. */
public final class EsmondConstants {

    @Metadata(description = "The metadata key. Producers: overrides metadataKey (data, postData, bulk). Results: the key "
            + "of the metadata posted, or of the data read when it came from one metadata. Consumer: the point's metadata.", javaType = "String")
    public static final String METADATA_KEY = "CamelEsmondMetadataKey";
    @Metadata(description = "The event type. Producers: overrides eventType (data, postData); for bulk and the "
            + "aggregation strategy, the event type of the message's value. Results and consumer: the event type "
            + "read.", javaType = "String")
    public static final String EVENT_TYPE = "CamelEsmondEventType";
    @Metadata(label = "producer", description = "data: overrides summaryType (base, aggregation, average, statistics).", javaType = "String")
    public static final String SUMMARY_TYPE = "CamelEsmondSummaryType";
    @Metadata(label = "producer", description = "data: overrides summaryWindow (seconds).", javaType = "Long")
    public static final String SUMMARY_WINDOW = "CamelEsmondSummaryWindow";
    @Metadata(label = "producer", description = "metadata, data: overrides timeStart (UNIX seconds, Instant or ISO-8601 text).", javaType = "Object")
    public static final String TIME_START = "CamelEsmondTimeStart";
    @Metadata(label = "producer", description = "metadata, data: overrides timeEnd (UNIX seconds, Instant or ISO-8601 text).", javaType = "Object")
    public static final String TIME_END = "CamelEsmondTimeEnd";
    @Metadata(description = "The time of a point in UNIX seconds. postData, bulk and the aggregation strategy: the time "
            + "of a value sent as the body (also an Instant, a Date or ISO-8601 text). Consumer: the point's time.", javaType = "Long")
    public static final String TIMESTAMP = "CamelEsmondTimestamp";
    @Metadata(label = "consumer", description = "Consumer: the source of the point's metadata.", javaType = "String")
    public static final String SOURCE = "CamelEsmondSource";
    @Metadata(label = "consumer", description = "Consumer: the destination of the point's metadata (none for a network-element subject).", javaType = "String")
    public static final String DESTINATION = "CamelEsmondDestination";
    @Metadata(label = "producer", description = "Result: how many metadata (metadata), points (data with streaming=false, "
            + "postData, bulk) the operation read or wrote.", javaType = "Integer")
    public static final String COUNT = "CamelEsmondCount";
    @Metadata(label = "producer", description = "Result of postData and bulk: how many requests were sent.", javaType = "Integer")
    public static final String REQUEST_COUNT = "CamelEsmondRequestCount";

    @Metadata(label = "producer", description = "Result of postData and bulk with skipDuplicates: how many points the archive already held "
            + "and were skipped.", javaType = "Integer")
    public static final String SKIPPED_COUNT = "CamelEsmondSkippedCount";

    private EsmondConstants() {
    }
}
