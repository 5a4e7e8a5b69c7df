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
    @Metadata(label = "producer", description = "metadata, data: overrides startTime: an Instant (also accepted: UNIX seconds as a "
            + "number or numeric text, Date, OffsetDateTime, ISO-8601 text).", javaType = "java.time.Instant")
    public static final String START_TIME = "CamelEsmondStartTime";
    @Metadata(label = "producer", description = "metadata, data: overrides endTime, same types as CamelEsmondStartTime.", javaType = "java.time.Instant")
    public static final String END_TIME = "CamelEsmondEndTime";
    @Metadata(description = "The time of a point. postData, bulk and the aggregation strategy: the time of a value "
            + "sent as the body, an Instant (also accepted: UNIX seconds as a number or numeric text, Date, ISO-8601 "
            + "text). Consumer: the point's time (an Instant of a whole second).", javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelEsmondTimestamp";
    @Metadata(label = "consumer", description = "Consumer: the source of the point's metadata.", javaType = "String")
    public static final String SOURCE = "CamelEsmondSource";
    @Metadata(label = "consumer", description = "Consumer: the destination of the point's metadata (none for a network-element subject).", javaType = "String")
    public static final String DESTINATION = "CamelEsmondDestination";
    @Metadata(label = "producer", description = "Result of metadata: how many metadata the body holds.", javaType = "Integer")
    public static final String METADATA_COUNT = "CamelEsmondMetadataCount";
    @Metadata(label = "producer", description = "Result of data (with streaming=false), postData and bulk: how many points "
            + "were read or written.", javaType = "Integer")
    public static final String POINT_COUNT = "CamelEsmondPointCount";
    @Metadata(label = "producer", description = "Result of postData and bulk: how many requests were sent.", javaType = "Integer")
    public static final String REQUEST_COUNT = "CamelEsmondRequestCount";

    @Metadata(label = "producer", description = "Result of postData and bulk with skipDuplicates: how many points the archive already held "
            + "and were skipped.", javaType = "Integer")
    public static final String SKIPPED_COUNT = "CamelEsmondSkippedCount";

    private EsmondConstants() {
    }
}
