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

    /** {@code yyyy-MM-ddTHH:mm:ssZ} or {@code ...+00:00}, strictly; null for anything else (the caller falls back). */
    static Instant parseCanonicalUtc(String t) {
        int n = t.length();
        boolean zulu = n == 20 && t.charAt(19) == 'Z';
        boolean zeroOffset = n == 25 && t.endsWith("+00:00");
        if (!zulu && !zeroOffset || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second);
        } catch (DateTimeException e) {
            return null; // e.g. 31 February: let the general parser report it
        }
    }

    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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

    /**
     * A reading timestamp: any ISO-8601 instant or offset form, up to nanoseconds. The form DCS sends,
     * {@code yyyy-MM-ddTHH:mm:ssZ} (or with {@code +00:00}), is read without java.time's formatter, which costs more
     * than the rest of a reading.
     */
    public static Instant parseWire(String text) {
        Instant fast = parseCanonicalUtc(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return parse("timestamp", text);
        }
    }
}
