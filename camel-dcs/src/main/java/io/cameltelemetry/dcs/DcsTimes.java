package io.cameltelemetry.dcs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;

/** DCS times: everything is UTC; wire form {@code yyyy-MM-ddTHH:mm:ssZ}, whole seconds. */
public final class DcsTimes {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEGACY_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEGACY_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private DcsTimes() {
    }

    /**
     * An instant from an option or header: {@link Instant}, {@link ZonedDateTime}, {@link OffsetDateTime},
     * {@link Date}, {@link Calendar}, epoch millis, a {@link LocalDate} or {@link LocalDateTime} (taken as UTC, as
     * pythondcs does), or an ISO-8601 string of any of these forms.
     */
    public static Instant toInstant(String field, Object value) {
        if (value == null) {
            return null;
        }
        Instant result;
        if (value instanceof Instant i) {
            result = i;
        } else if (value instanceof ZonedDateTime z) {
            result = z.toInstant();
        } else if (value instanceof OffsetDateTime o) {
            result = o.toInstant();
        } else if (value instanceof LocalDateTime l) {
            result = l.toInstant(ZoneOffset.UTC);
        } else if (value instanceof LocalDate d) {
            result = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else if (value instanceof Date d) {
            result = Instant.ofEpochMilli(d.getTime());
        } else if (value instanceof Calendar c) {
            result = Instant.ofEpochMilli(c.getTimeInMillis());
        } else if (value instanceof Long millis) {
            result = Instant.ofEpochMilli(millis);
        } else if (value instanceof CharSequence text) {
            result = parse(field, text.toString().trim());
        } else {
            throw new DcsValidationException(field, value, "unsupported time type " + value.getClass().getName());
        }
        return result;
    }

    private static Instant parse(String field, String text) {
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            if (t instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException e) {
                throw new DcsValidationException(field, text, "not an ISO-8601 date or date-time such as 2024-01-01T00:00:00Z");
            }
        }
    }

    /** Public API form, whole seconds in UTC: {@code 2024-01-01T00:30:00Z}. */
    public static String format(Instant t) {
        return WIRE.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Legacy API form: a date at midnight, else a zone-less UTC date-time (useLocalTime=false). */
    public static String formatLegacy(Instant t) {
        Instant s = t.truncatedTo(ChronoUnit.SECONDS);
        return s.equals(t.truncatedTo(ChronoUnit.DAYS)) ? LEGACY_DATE.format(s) : LEGACY_DATE_TIME.format(s);
    }

    /** A reading timestamp: any ISO-8601 instant or offset form, up to nanoseconds. */
    public static Instant parseWire(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return parse("timestamp", text);
        }
    }
}
