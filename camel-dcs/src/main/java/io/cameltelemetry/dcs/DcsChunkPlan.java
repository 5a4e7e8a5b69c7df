package io.cameltelemetry.dcs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long range of readings into windows the server accepts, exactly as pythondcs {@code largereadings}: with
 * N periods in the range and at most M periods per window, the smallest number of windows d >= 2 with
 * ceil(N/d) <= M; the first N mod d windows get floor(N/d)+1 periods, the rest floor(N/d); each window starts where
 * the last one ended. A range no longer than the window is read in one request.
 */
public final class DcsChunkPlan {

    /** One request's range: start inclusive, end exclusive. */
    public record Window(Instant start, Instant end) {
    }

    private DcsChunkPlan() {
    }

    /**
     * The effective window, as pythondcs makes it: positive, at least one day; it must not be shorter than one
     * period (a month counts as 31 days).
     */
    public static Duration window(DcsPeriodType period, Duration maxWindow) {
        Duration window = maxWindow.isNegative() ? maxWindow.negated() : maxWindow;
        if (window.compareTo(Duration.ofDays(1)) < 0) {
            window = Duration.ofDays(1);
        }
        if (window.compareTo(period.nominalLength()) < 0) {
            throw new DcsValidationException("maxWindow", maxWindow, "must not be shorter than one " + period.wireName());
        }
        return window;
    }

    /**
     * @param start     aligned start (inclusive)
     * @param end       aligned end (exclusive), after start
     * @param period    the period type
     * @param maxWindow the longest range one request may cover; at least one day and one period
     */
    public static List<Window> plan(Instant start, Instant end, DcsPeriodType period, Duration maxWindow) {
        Duration window = window(period, maxWindow);
        if (Duration.between(start, end).compareTo(window) <= 0) {
            return List.of(new Window(start, end));
        }
        long n = period.periodsBetween(start, end);
        long m = window.dividedBy(period.nominalLength());
        long d = 2;
        while ((n + d - 1) / d > m) {
            d++;
        }
        long small = n / d;
        long bigBlocks = n % d;
        List<Window> windows = new ArrayList<>((int) d);
        Instant from = start;
        for (long i = 0; i < d; i++) {
            long periods = i < bigBlocks ? small + 1 : small;
            Instant to = i == d - 1 ? end : period.plus(from, periods);
            windows.add(new Window(from, to));
            from = to;
        }
        return windows;
    }
}
