package io.cameltelemetry.pylot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;

/**
 * Turns the timestamp types the component accepts into greenhouse-local wall-clock time, truncated to seconds, the
 * only form PYLOT accepts ({@code yyyy-MM-dd'T'HH:mm:ss}, no zone).
 */
public final class PylotTimestamps {

    /** The wire format of a PYLOT timestamp. */
    public static final DateTimeFormatter WIRE_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private PylotTimestamps() {
    }

    /**
     * Converts a timestamp to local wall-clock time in {@code zone}, truncated to seconds.
     * <ul>
     * <li>{@link LocalDateTime}: taken as greenhouse-local already;</li>
     * <li>{@link Instant}, {@link ZonedDateTime}, {@link OffsetDateTime}, {@link Date}, {@link Calendar}, epoch
     * milliseconds ({@link Long}, {@link Integer}): converted to {@code zone};</li>
     * <li>ISO-8601 {@link String}: local ({@code 2017-04-05T14:30:25}) as is; with an offset or zone
     * ({@code 2017-04-05T12:30:25Z}, {@code ...+03:00}, {@code ...+01:00[Europe/Prague]}) converted to {@code zone}.</li>
     * </ul>
     *
     * @throws PylotValidationException for null, an unsupported type or an unparseable string
     */
    public static LocalDateTime toLocal(Object value, ZoneId zone) {
        LocalDateTime local;
        if (value instanceof LocalDateTime ldt) {
            local = ldt;
        } else if (value instanceof Instant instant) {
            local = LocalDateTime.ofInstant(instant, zone);
        } else if (value instanceof ZonedDateTime zdt) {
            local = zdt.withZoneSameInstant(zone).toLocalDateTime();
        } else if (value instanceof OffsetDateTime odt) {
            local = odt.atZoneSameInstant(zone).toLocalDateTime();
        } else if (value instanceof Date date) {
            // java.sql.Date#toInstant throws, so go through the epoch millis
            local = LocalDateTime.ofInstant(Instant.ofEpochMilli(date.getTime()), zone);
        } else if (value instanceof Calendar calendar) {
            local = LocalDateTime.ofInstant(Instant.ofEpochMilli(calendar.getTimeInMillis()), zone);
        } else if (value instanceof Long || value instanceof Integer) {
            local = LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), zone);
        } else if (value instanceof CharSequence text) {
            local = parse(text.toString().trim(), zone);
        } else {
            throw new PylotValidationException("timestamp", value,
                    "unsupported timestamp type; use LocalDateTime, an ISO-8601 String, Instant, ZonedDateTime, "
                                                                  + "OffsetDateTime, java.util.Date or epoch milliseconds (Long)");
        }
        return local.truncatedTo(ChronoUnit.SECONDS);
    }

    private static LocalDateTime parse(String text, ZoneId zone) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof ZonedDateTime zdt) {
                return zdt.withZoneSameInstant(zone).toLocalDateTime();
            }
            if (parsed instanceof OffsetDateTime odt) {
                return odt.atZoneSameInstant(zone).toLocalDateTime();
            }
            return (LocalDateTime) parsed;
        } catch (DateTimeException e) {
            throw new PylotValidationException("timestamp", text,
                    "not an ISO-8601 date-time such as 2017-04-05T14:30:25 or 2017-04-05T12:30:25Z");
        }
    }

    /** Formats a local timestamp as PYLOT expects it. */
    public static String format(LocalDateTime timestamp) {
        return WIRE_FORMAT.format(timestamp);
    }
}
