package io.cameltelemetry.dcs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.cameltelemetry.common.TelemetryTimes;

/** DCS times: everything is UTC; wire form {@code yyyy-MM-ddTHH:mm:ssZ}, whole seconds. */
public final class DcsTimes {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEGACY_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEGACY_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private DcsTimes() {
    }

    /**
     * An instant from an option or header: {@link Instant}, {@link java.time.ZonedDateTime},
     * {@link java.time.OffsetDateTime}, {@link java.util.Date}, {@link java.util.Calendar}, epoch millis, a
     * {@link java.time.LocalDate} or {@link java.time.LocalDateTime} (taken as UTC, as pythondcs does), or an ISO-8601
     * string of any of these forms.
     */
    public static Instant toInstant(String field, Object value) {
        return TelemetryTimes.toInstant(field, value, ZoneOffset.UTC, DcsValidationException::new);
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
     * A reading timestamp: any ISO-8601 instant or offset form, up to nanoseconds; the canonical form DCS sends takes
     * the fast path.
     */
    public static Instant parseWire(String text) {
        return TelemetryTimes.parseWire("timestamp", text, DcsValidationException::new);
    }
}
