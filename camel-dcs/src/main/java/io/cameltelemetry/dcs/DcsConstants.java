package io.cameltelemetry.dcs;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code dcs} component. */
public final class DcsConstants {

    @Metadata(label = "producer", description = "The register or virtual meter to read: 733 (with isVirtual), R733 or VM9; "
            + "overrides the id option.", javaType = "String")
    public static final String ID = "CamelDcsId";
    @Metadata(label = "producer", description = "Start of the readings (inclusive): an Instant (also accepted: ZonedDateTime, "
            + "OffsetDateTime, Date, LocalDate/LocalDateTime (UTC), epoch millis or ISO-8601 "
            + "String); overrides startTime.", javaType = "java.time.Instant")
    public static final String START_TIME = "CamelDcsStartTime";
    @Metadata(label = "producer", description = "End of the readings (exclusive), same types as CamelDcsStartTime; "
            + "overrides endTime.", javaType = "java.time.Instant")
    public static final String END_TIME = "CamelDcsEndTime";
    @Metadata(label = "producer", description = "halfHour, hour, day, week or month; overrides periodType.", javaType = "String")
    public static final String PERIOD_TYPE = "CamelDcsPeriodType";
    @Metadata(label = "producer", description = "Number of periods; overrides periodCount.", javaType = "Integer")
    public static final String PERIOD_COUNT = "CamelDcsPeriodCount";
    @Metadata(description = "Result: the register's (METER NAME: REGISTER NAME) or virtual meter's name, where the "
            + "server says it (public API).", javaType = "String")
    public static final String NAME = "CamelDcsName";
    @Metadata(description = "Result: the unit of the readings, e.g. kWh, where the server says it (public API).", javaType = "String")
    public static final String UNIT = "CamelDcsUnit";
    @Metadata(description = "Result: how many readings (when streaming=false) or meters/virtual meters the body holds.", javaType = "Integer")
    public static final String READING_COUNT = "CamelDcsReadingCount";
    @Metadata(label = "consumer", description = "Consumer: the id (R733 or VM9) the polled reading belongs to.", javaType = "String")
    public static final String READING_ID = "CamelDcsReadingId";
    @Metadata(label = "consumer", description = "Consumer: the timestamp (start of period, UTC) of the polled reading.", javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelDcsTimestamp";

    @Metadata(label = "consumer", description = "Consumer: true when the polled reading had no value (null, missing or "
            + "NaN on the wire); its value is then NaN. Absent otherwise.", javaType = "Boolean")
    public static final String VALUE_MISSING = "CamelDcsValueMissing";

    private DcsConstants() {
    }
}
