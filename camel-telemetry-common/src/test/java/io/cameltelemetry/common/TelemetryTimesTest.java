package io.cameltelemetry.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelemetryTimesTest {

    static final TelemetryValidationException.Factory ERRORS = (f, v, p) -> new IllegalArgumentException(f + "|" + v + "|" + p);
    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Test
    void theFastPathAgreesWithJavaTimeOnEveryDayOfACentury() {
        for (LocalDate d = LocalDate.of(1926, 1, 1); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusDays(1)) {
            Instant expected = d.atTime(23, 59, 58).toInstant(ZoneOffset.UTC);
            assertEquals(expected, TelemetryTimes.parseCanonicalUtc(expected.toString()));
        }
        assertEquals(Instant.parse("2021-09-20T18:30:00Z"), TelemetryTimes.parseCanonicalUtc("2021-09-20T18:30:00+00:00"));
    }

    @Test
    void otherFormsGoToTheGeneralParser() {
        assertNull(TelemetryTimes.parseCanonicalUtc("2021-09-20T18:30:00.5Z"));
        assertNull(TelemetryTimes.parseCanonicalUtc("2021-09-20T18:30:00+01:00"));
        assertNull(TelemetryTimes.parseCanonicalUtc("2021-02-31T18:30:00Z"));
        assertNull(TelemetryTimes.parseCanonicalUtc("2021-0a-20T18:30:00Z"));
        assertEquals(Instant.parse("2021-09-20T17:30:00.500Z"),
                TelemetryTimes.parseWire("t", "2021-09-20T18:30:00.5+01:00", ERRORS));
    }

    @Test
    void everyAcceptedTypeGivesTheSameInstant() {
        Instant t = Instant.parse("2024-03-01T10:15:30Z");
        for (Object v : new Object[]{ t, t.atZone(PRAGUE), t.atOffset(ZoneOffset.ofHours(3)), Date.from(t), t.toEpochMilli(),
                "2024-03-01T10:15:30Z", "2024-03-01T11:15:30+01:00", "2024-03-01T11:15:30+01:00[Europe/Prague]",
                LocalDateTime.of(2024, 3, 1, 11, 15, 30), "2024-03-01T11:15:30" }) {
            assertEquals(t, TelemetryTimes.toInstant("t", v, PRAGUE, ERRORS), String.valueOf(v));
        }
        assertEquals(Instant.parse("2024-02-29T23:00:00Z"), TelemetryTimes.toInstant("t", "2024-03-01", PRAGUE, ERRORS));
    }

    @Test
    void localValuesStayLocalAndZonedOnesAreConverted() {
        assertEquals(LocalDateTime.of(2024, 3, 1, 11, 15, 30),
                TelemetryTimes.toLocal("t", "2024-03-01T10:15:30Z", PRAGUE, ERRORS));
        assertEquals(LocalDateTime.of(2024, 3, 1, 10, 15, 30),
                TelemetryTimes.toLocal("t", "2024-03-01T10:15:30", PRAGUE, ERRORS));
    }

    @Test
    void badValuesNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetryTimes.toInstant("startTime", "yesterday", PRAGUE, ERRORS));
        assertTrue(e.getMessage().startsWith("startTime|yesterday|not an ISO-8601"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TelemetryTimes.toInstant("startTime", 1.5, PRAGUE, ERRORS));
        assertTrue(e.getMessage().contains("unsupported time type java.lang.Double"), e.getMessage());
    }
}
