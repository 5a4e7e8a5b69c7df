package io.cameltelemetry.dcs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** pythondcs largereadings' split; expected windows computed independently from the spec's algorithm. */
class DcsChunkPlanTest {

    private static List<DcsChunkPlan.Window> plan(String start, String end, DcsPeriodType p) {
        return DcsChunkPlan.plan(Instant.parse(start), Instant.parse(end), p, Duration.ofDays(365));
    }

    private static DcsChunkPlan.Window w(String start, String end) {
        return new DcsChunkPlan.Window(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void aRangeWithinTheWindowIsOneRequest() {
        assertEquals(List.of(w("2020-01-01T00:00:00Z", "2020-12-31T00:00:00Z")),
                plan("2020-01-01T00:00:00Z", "2020-12-31T00:00:00Z", DcsPeriodType.HALF_HOUR));
    }

    @Test
    void twoYearsOfHalfHoursBecomeThreeEqualWindows() {
        assertEquals(
                List.of(w("2020-01-01T00:00:00Z", "2020-08-31T16:00:00Z"), w("2020-08-31T16:00:00Z", "2021-05-02T08:00:00Z"),
                        w("2021-05-02T08:00:00Z", "2022-01-01T00:00:00Z")),
                plan("2020-01-01T00:00:00Z", "2022-01-01T00:00:00Z", DcsPeriodType.HALF_HOUR));
    }

    @Test
    void unevenSplitsPutTheLongerWindowsFirst() {
        // 367 days: d = 2, 184 + 183
        assertEquals(
                List.of(w("2020-01-01T00:00:00Z", "2020-07-03T00:00:00Z"), w("2020-07-03T00:00:00Z", "2021-01-02T00:00:00Z")),
                plan("2020-01-01T00:00:00Z", "2021-01-02T00:00:00Z", DcsPeriodType.DAY));
    }

    @Test
    void monthsAreCalendarMonthsOnTheFirst() {
        assertEquals(
                List.of(w("2020-01-01T00:00:00Z", "2020-10-01T00:00:00Z"), w("2020-10-01T00:00:00Z", "2021-07-01T00:00:00Z"),
                        w("2021-07-01T00:00:00Z", "2022-04-01T00:00:00Z"), w("2022-04-01T00:00:00Z", "2023-01-01T00:00:00Z")),
                plan("2020-01-01T00:00:00Z", "2023-01-01T00:00:00Z", DcsPeriodType.MONTH));
    }

    @Test
    void aHundredYearsOfHalfHoursIsContinuous() {
        List<DcsChunkPlan.Window> windows = plan("1926-01-01T00:00:00Z", "2026-01-01T00:00:00Z", DcsPeriodType.HALF_HOUR);
        assertEquals(101, windows.size());
        for (int i = 1; i < windows.size(); i++) {
            assertEquals(windows.get(i - 1).end(), windows.get(i).start());
            assertEquals(true, Duration.between(windows.get(i).start(), windows.get(i).end()).toDays() <= 365);
        }
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), windows.get(100).end());
    }

    @Test
    void aWindowShorterThanOnePeriodIsRejected() {
        assertThrows(DcsValidationException.class, () -> DcsChunkPlan.plan(Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z"), DcsPeriodType.MONTH, Duration.ofDays(20)));
    }
}
