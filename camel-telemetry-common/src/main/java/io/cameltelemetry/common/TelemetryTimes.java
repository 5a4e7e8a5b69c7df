package io.cameltelemetry.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;

/**
 * The time values options, headers and bodies accept, in one place: {@link Instant}, {@link ZonedDateTime},
 * {@link OffsetDateTime}, {@link LocalDateTime}, {@link LocalDate}, {@link Date} (also {@code java.sql.Date}),
 * {@link Calendar}, epoch milliseconds ({@link Long}, {@link Integer}) and ISO-8601 text of any of these forms. A
 * local value (no zone or offset) is read in the zone the caller gives. Canonical UTC text
 * ({@code yyyy-MM-ddTHH:mm:ssZ}) is parsed without java.time's formatter, which costs more than the rest of a reading.
 */
public final class TelemetryTimes {

    private static final String TYPES = "Instant, ZonedDateTime, OffsetDateTime, LocalDateTime, LocalDate, java.util.Date, "
            + "Calendar, epoch milliseconds (Long) or ISO-8601 text";

    private TelemetryTimes() {
    }

    /**
     * A point in time; local values are read in {@code zoneForLocal}.
     *
     * @return null for null
     * @throws RuntimeException from {@code errors} for an unsupported type or unreadable text, naming {@code field}
     */
    public static Instant toInstant(String field, Object value, ZoneId zoneForLocal,
            TelemetryValidationException.Factory errors) {
        if (value == null) {
            return null;
        }
        Object t = normalise(field, value, errors);
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(zoneForLocal).toInstant();
        }
        return ((LocalDate) t).atStartOfDay(zoneForLocal).toInstant();
    }

    /**
     * Wall-clock time in {@code zone}: local values are taken as they are (already in that zone); everything with an
     * offset or zone, and epoch values, are converted to it.
     *
     * @return null for null
     */
    public static LocalDateTime toLocal(String field, Object value, ZoneId zone, TelemetryValidationException.Factory errors) {
        if (value == null) {
            return null;
        }
        Object t = normalise(field, value, errors);
        if (t instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone);
        }
        if (t instanceof LocalDateTime l) {
            return l;
        }
        return ((LocalDate) t).atStartOfDay();
    }

    /** Instant (a point in time), LocalDateTime or LocalDate (wall-clock, zone still to be chosen). */
    private static Object normalise(String field, Object value, TelemetryValidationException.Factory errors) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof LocalDateTime l) {
            return l;
        } else if (value instanceof LocalDate d) {
            return d;
        } else if (value instanceof Date d) {
            // java.sql.Date#toInstant throws, so go through the epoch millis
            return Instant.ofEpochMilli(d.getTime());
        } else if (value instanceof Calendar c) {
            return Instant.ofEpochMilli(c.getTimeInMillis());
        } else if (value instanceof Long || value instanceof Integer) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        } else if (value instanceof CharSequence text) {
            return parse(field, text.toString().trim(), errors);
        }
        throw errors.invalid(field, value, "unsupported time type " + value.getClass().getName() + "; use " + TYPES);
    }

    private static Object parse(String field, String text, TelemetryValidationException.Factory errors) {
        Instant fast = parseCanonicalUtc(text);
        if (fast != null) {
            return fast;
        }
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from, OffsetDateTime::from,
                    LocalDateTime::from);
            if (t instanceof ZonedDateTime z) {
                return z.toInstant();
            }
            if (t instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            return t;
        } catch (DateTimeException notDateTime) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw errors.invalid(field, text, "not an ISO-8601 date or date-time such as 2024-01-01T00:00:00Z, "
                        + "2024-01-01T01:00:00+01:00 or 2024-01-01T00:00:00");
            }
        }
    }

    /**
     * A timestamp as servers send it: any ISO-8601 instant or offset form, up to nanoseconds; local forms are UTC.
     * {@code yyyy-MM-ddTHH:mm:ssZ} (or {@code +00:00}) takes the fast path.
     */
    public static Instant parseWire(String field, String text, TelemetryValidationException.Factory errors) {
        Instant fast = parseCanonicalUtc(text);
        if (fast != null) {
            return fast;
        }
        return toInstant(field, text, ZoneOffset.UTC, errors);
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ} or {@code ...+00:00}, strictly; null for anything else (the caller falls back). */
    public static Instant parseCanonicalUtc(String t) {
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
}
