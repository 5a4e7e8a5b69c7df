package io.cameltelemetry.dcs.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One DCS reading, from either API generation.
 * <ul>
 * <li>public API, standard format: {@code timestamp}, {@code value}, {@code status};</li>
 * <li>public API, complete format: {@code totalValue} and {@code periodValue} as well ({@code value} is the period
 * value);</li>
 * <li>legacy API: {@code startTime} becomes {@code timestamp}, {@code periodValue} becomes {@code value} (use
 * {@code totalValue} for instantaneous registers), {@code duration} (minutes), {@code isGenerated} and
 * {@code isInterpolated} (status bit 1).</li>
 * </ul>
 * Values may be {@code NaN} or infinite: DCS sends the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 *
 * @param timestamp       start of the period (UTC)
 * @param value           the reading
 * @param status          bit flags: {@link #INTERPOLATED} (1), {@link #RESET} (2)
 * @param totalValue      register total at the timestamp (complete format, legacy), else NaN
 * @param periodValue     consumption in the period (complete format, legacy), else NaN
 * @param durationMinutes period length in minutes (legacy {@code duration}), or null
 * @param generated       legacy {@code isGenerated}: padding for missing data, or null
 */
public record DcsReading(Instant timestamp, double value, int status, double totalValue, double periodValue,
        Integer durationMinutes, Boolean generated) implements Serializable {

    /** Status bit: no real reading, interpolated by DCS. */
    public static final int INTERPOLATED = 1;
    /** Status bit: a register reset (a discontinuity). */
    public static final int RESET = 2;

    public boolean isInterpolated() {
        return (status & INTERPOLATED) != 0;
    }

    public boolean isReset() {
        return (status & RESET) != 0;
    }
}
