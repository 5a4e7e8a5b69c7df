package io.cameltelemetry.archfx;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code archfx} component. */
public final class ArchFxConstants {

    @Metadata(label = "producer", description = "report: the report id (seqid) of the message's first report; else "
            + "from the id counter. Result: the id of the last report uploaded.", javaType = "Long")
    public static final String REPORT_ID = "CamelArchfxReportId";
    @Metadata(label = "producer", description = "report: the sent time packed into the reports (Instant, "
            + "OffsetDateTime, Date or ISO-8601 text); else now.", javaType = "Object")
    public static final String SENT_TIMESTAMP = "CamelArchfxSentTimestamp";
    @Metadata(label = "producer", description = "report: overrides the device option (any form ArchFxDeviceSlug.parse accepts).", javaType = "String")
    public static final String DEVICE = "CamelArchfxDevice";
    @Metadata(label = "producer", description = "Result of report: how many readings were uploaded.", javaType = "Integer")
    public static final String READING_COUNT = "CamelArchfxReadingCount";
    @Metadata(label = "producer", description = "Result of report: the smallest reading id uploaded.", javaType = "Long")
    public static final String LOWEST_ID = "CamelArchfxLowestId";
    @Metadata(label = "producer", description = "Result of report: the largest reading id uploaded.", javaType = "Long")
    public static final String HIGHEST_ID = "CamelArchfxHighestId";
    @Metadata(label = "producer", description = "Result of report: the server's count as it answers it (the sum over "
            + "the message's reports; null when the server answers none).", javaType = "Long")
    public static final String ACCEPTED = "CamelArchfxAccepted";
    @Metadata(label = "producer", description = "Result of report: how many reports the message was uploaded as.", javaType = "Integer")
    public static final String REPORT_COUNT = "CamelArchfxReportCount";
    @Metadata(description = "The stream (variable id: a number, hex or ssss-vvvv) of a value body for report and the "
            + "aggregation strategy. Consumer: the point's stream slug.", javaType = "String")
    public static final String STREAM = "CamelArchfxStream";
    @Metadata(description = "The time of a value body for report and the aggregation strategy (Instant, "
            + "OffsetDateTime, Date, epoch millis or ISO-8601 text; naive = UTC). Consumer: the point's time.", javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelArchfxTimestamp";
    @Metadata(label = "consumer", description = "Consumer: the record's id.", javaType = "Long")
    public static final String DATA_ID = "CamelArchfxDataId";
    @Metadata(label = "producer", description = "api: query parameters (a Map; null values are left out).", javaType = "java.util.Map")
    public static final String QUERY = "CamelArchfxQuery";
    @Metadata(label = "producer", description = "api: overrides the resource option.", javaType = "String")
    public static final String RESOURCE = "CamelArchfxResource";
    @Metadata(label = "producer", description = "api: overrides the id option.", javaType = "String")
    public static final String ID = "CamelArchfxId";
    @Metadata(label = "producer", description = "api: overrides the method option (GET, POST, PUT, PATCH, DELETE).", javaType = "String")
    public static final String METHOD = "CamelArchfxMethod";
    @Metadata(label = "producer", description = "Result of api: the HTTP status.", javaType = "Integer")
    public static final String STATUS = "CamelArchfxStatus";

    private ArchFxConstants() {
    }
}
