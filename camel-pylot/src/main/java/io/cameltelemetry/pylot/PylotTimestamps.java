package io.cameltelemetry.pylot;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.cameltelemetry.common.TelemetryTimes;

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
     * <li>{@link java.time.Instant}, {@link java.time.ZonedDateTime}, {@link java.time.OffsetDateTime},
     * {@link java.util.Date}, {@link java.util.Calendar}, epoch
     * milliseconds ({@link Long}, {@link Integer}): converted to {@code zone};</li>
     * <li>ISO-8601 {@link String}: local ({@code 2017-04-05T14:30:25}) as is; with an offset or zone
     * ({@code 2017-04-05T12:30:25Z}, {@code ...+03:00}, {@code ...+01:00[Europe/Prague]}) converted to {@code zone}.</li>
     * </ul>
     *
     * @throws PylotValidationException for null, an unsupported type, an unparseable string or a year outside 0000-9999
     */
    public static LocalDateTime toLocal(Object value, ZoneId zone) {
        if (value == null || value instanceof LocalDate) {
            // a PYLOT row needs a time of day: a date alone is not taken as midnight
            throw new PylotValidationException("timestamp", value, "unsupported timestamp type; use LocalDateTime, an "
                    + "ISO-8601 String, Instant, ZonedDateTime, "
                    + "OffsetDateTime, java.util.Date or epoch milliseconds "
                    + "(Long)");
        }
        if (value instanceof CharSequence text && text.toString().indexOf('T') < 0) {
            throw new PylotValidationException("timestamp", value,
                    "not an ISO-8601 date-time such as 2017-04-05T14:30:25 or 2017-04-05T12:30:25Z");
        }
        return checked(TelemetryTimes.toLocal("timestamp", value, zone, PylotValidationException::new), value);
    }

    /** A local timestamp truncated to seconds, if its year fits PYLOT's {@code yyyy} (0000 to 9999). */
    public static LocalDateTime checked(LocalDateTime local, Object original) {
        if (local.getYear() < 0 || local.getYear() > 9999) {
            throw new PylotValidationException("timestamp", original,
                    "is in year " + local.getYear() + "; PYLOT timestamps are yyyy-MM-ddTHH:mm:ss with years 0000 to 9999");
        }
        return local.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Formats a local timestamp as PYLOT expects it. */
    public static String format(LocalDateTime timestamp) {
        return WIRE_FORMAT.format(timestamp);
    }

    /** The length of a timestamp on the wire. */
    public static final int WIRE_LENGTH = 19;

    /**
     * Writes a timestamp as {@link #format(LocalDateTime)} does into {@code out} (at least {@link #WIRE_LENGTH} long),
     * without the formatter's objects, for the rows of a batch.
     *
     * @return the chars written: {@link #WIRE_LENGTH}, or 0 for a year outside 0000-9999 (use {@link #format})
     */
    public static int format(LocalDateTime timestamp, char[] out) {
        int year = timestamp.getYear();
        if (year < 0 || year > 9999) {
            return 0;
        }
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, timestamp.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, timestamp.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, timestamp.getHour(), 2);
        out[13] = ':';
        digits(out, 14, timestamp.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, timestamp.getSecond(), 2);
        return WIRE_LENGTH;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
