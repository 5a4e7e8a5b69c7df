package io.cameltelemetry.dcs;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The reading period of DCS ({@code periodType}, legacy {@code integrationPeriod}); all alignment is in UTC. */
public enum DcsPeriodType {

    HALF_HOUR("halfHour", Duration.ofMinutes(30)), HOUR("hour", Duration.ofHours(1)), DAY("day",
            Duration.ofDays(1)), WEEK("week", Duration.ofDays(7)),
    /** Calendar months; counts as 31 days where a fixed length is needed (pythondcs's rule). */
    MONTH("month", Duration.ofDays(31));

    private final String wireName;
    private final Duration nominal;

    DcsPeriodType(String wireName, Duration nominal) {
        this.wireName = wireName;
        this.nominal = nominal;
    }

    /** The spelling DCS documents: {@code halfHour}, {@code hour}, {@code day}, {@code week}, {@code month}. */
    public String wireName() {
        return wireName;
    }

    /** The length used for window sizes; 31 days for a month. */
    public Duration nominalLength() {
        return nominal;
    }

    /** Parses {@code halfHour} (any case, also {@code half_hour}), {@code hour}, {@code day}, {@code week}, {@code month}. */
    public static DcsPeriodType of(String text) {
        return of("periodType", text);
    }

    /** {@link #of(String)} for an option or header named {@code field}. */
    public static DcsPeriodType of(String field, String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            for (DcsPeriodType p : values()) {
                if (p.wireName.toLowerCase(Locale.ROOT).equals(t)) {
                    return p;
                }
            }
        }
        throw new DcsValidationException(field, text, "must be one of halfHour, hour, day, week, month");
    }

    /** Whether {@code t} starts a period: minute 0/30, the hour, midnight, midnight Monday, midnight on the 1st (UTC). */
    public boolean isAligned(Instant t) {
        return floor(t).equals(t);
    }

    /** The start of the period that contains {@code t}. */
    public Instant floor(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (this) {
            case HALF_HOUR -> z.truncatedTo(ChronoUnit.HOURS).plusMinutes(z.getMinute() >= 30 ? 30 : 0).toInstant();
            case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
            case WEEK -> z.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
        };
    }

    /** {@code t} plus {@code n} periods (calendar months for MONTH). */
    public Instant plus(Instant t, long n) {
        if (this == MONTH) {
            return t.atZone(ZoneOffset.UTC).plusMonths(n).toInstant();
        }
        return t.plus(nominal.multipliedBy(n));
    }

    /** Whole periods from {@code start} to {@code end} (both aligned); calendar months for MONTH. */
    public long periodsBetween(Instant start, Instant end) {
        if (this == MONTH) {
            return ChronoUnit.MONTHS.between(start.atZone(ZoneOffset.UTC), end.atZone(ZoneOffset.UTC));
        }
        return Duration.between(start, end).dividedBy(nominal);
    }
}
