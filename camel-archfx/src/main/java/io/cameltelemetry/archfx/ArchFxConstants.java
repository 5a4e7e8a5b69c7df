package io.cameltelemetry.archfx;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code archfx} component. */
public final class ArchFxConstants {

    @Metadata(label = "producer", description = "report: the report id (seqid) of the message's first report; else "
            + "from the id counter. Result: the id of the last report uploaded.", javaType = "Long")
    public static final String REPORT_ID = "CamelArchFxReportId";
    @Metadata(label = "producer", description = "report: the sent time packed into the reports: an Instant (also "
            + "accepted: OffsetDateTime, ZonedDateTime, Date, epoch millis or ISO-8601 text); else now.", javaType = "java.time.Instant")
    public static final String SENT_TIMESTAMP = "CamelArchFxSentTimestamp";
    @Metadata(label = "producer", description = "report: overrides the device option (any form ArchFxDeviceSlug.parse accepts).", javaType = "String")
    public static final String DEVICE = "CamelArchFxDevice";
    @Metadata(label = "producer", description = "Result of report: how many readings were uploaded.", javaType = "Integer")
    public static final String READING_COUNT = "CamelArchFxReadingCount";
    @Metadata(label = "producer", description = "Result of report: the smallest reading id uploaded.", javaType = "Long")
    public static final String LOWEST_ID = "CamelArchFxLowestId";
    @Metadata(label = "producer", description = "Result of report: the largest reading id uploaded.", javaType = "Long")
    public static final String HIGHEST_ID = "CamelArchFxHighestId";
    @Metadata(label = "producer", description = "Result of report: how many readings the server counted as accepted, as it answers it (the sum over "
            + "the message's reports; null when the server answers none).", javaType = "Long")
    public static final String ACCEPTED_COUNT = "CamelArchFxAcceptedCount";
    @Metadata(label = "producer", description = "Result of report: how many reports the message was uploaded as.", javaType = "Integer")
    public static final String REPORT_COUNT = "CamelArchFxReportCount";
    @Metadata(label = "producer", description = "Result of report with a reportLedger: how many of the message's reports the "
            + "ledger found uploaded before (a batch sent again after a crash) and did not upload again.", javaType = "Integer")
    public static final String ALREADY_UPLOADED_COUNT = "CamelArchFxAlreadyUploadedCount";
    @Metadata(description = "The stream (variable id: a number, hex or ssss-vvvv) of a value body for report and the "
            + "aggregation strategy. Consumer: the point's stream slug.", javaType = "String")
    public static final String STREAM = "CamelArchFxStream";
    @Metadata(description = "The time of a value body for report and the aggregation strategy (Instant, "
            + "OffsetDateTime, Date, epoch millis or ISO-8601 text; naive = UTC). Consumer: the point's time.", javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelArchFxTimestamp";
    @Metadata(label = "consumer", description = "Consumer: the record's id.", javaType = "Long")
    public static final String DATA_ID = "CamelArchFxDataId";
    @Metadata(label = "producer", description = "api: query parameters (a Map; null values are left out).", javaType = "java.util.Map")
    public static final String QUERY = "CamelArchFxQuery";
    @Metadata(label = "producer", description = "api: overrides the resource option.", javaType = "String")
    public static final String RESOURCE = "CamelArchFxResource";
    @Metadata(label = "producer", description = "api: overrides the id option.", javaType = "String")
    public static final String ID = "CamelArchFxId";
    @Metadata(label = "producer", description = "api: overrides the method option (GET, POST, PUT, PATCH, DELETE).", javaType = "String")
    public static final String METHOD = "CamelArchFxMethod";
    @Metadata(label = "producer", description = "Result of api: the HTTP status.", javaType = "Integer")
    public static final String STATUS = "CamelArchFxStatus";

    private ArchFxConstants() {
    }
}
