package io.cameltelemetry.pylot;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code pylot} component. */
public final class PylotConstants {

    @Metadata(label = "producer", description = "The node of the measurements in this message when the body does not "
            + "name one; overrides the node option.", javaType = "String")
    public static final String NODE = "CamelPylotNode";

    @Metadata(label = "producer", description = "The metric id of a single-number body (or of Map-less values); "
            + "overrides the metric option. A number becomes its decimal string.", javaType = "String")
    public static final String METRIC = "CamelPylotMetric";

    @Metadata(label = "producer", description = "The timestamp of the measurements in this message when the body does "
            + "not give one: LocalDateTime (greenhouse-local), an ISO-8601 String "
            + "(local, or with an offset or zone, converted to zoneId), Instant, "
            + "ZonedDateTime, OffsetDateTime, java.util.Date or epoch milliseconds. "
            + "Default: now in zoneId.", javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelPylotTimestamp";

    @Metadata(label = "producer", description = "Set after sending: the number of rows (one per node and timestamp) sent.", javaType = "Integer")
    public static final String ROW_COUNT = "CamelPylotRowCount";

    @Metadata(label = "producer", description = "Set after sending: the number of HTTP requests the rows took "
            + "(retries not counted).", javaType = "Integer")
    public static final String REQUEST_COUNT = "CamelPylotRequestCount";

    @Metadata(label = "producer", description = "Set after sending: the number of measurements (metric values) sent.", javaType = "Long")
    public static final String MEASUREMENT_COUNT = "CamelPylotMeasurementCount";

    private PylotConstants() {
    }
}
