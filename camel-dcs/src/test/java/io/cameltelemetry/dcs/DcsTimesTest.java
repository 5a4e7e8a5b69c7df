package io.cameltelemetry.dcs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DcsTimesTest {

    @Test
    void theFastPathAgreesWithJavaTimeOnEveryDayOfACentury() {
        for (LocalDate d = LocalDate.of(1926, 1, 1); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusDays(1)) {
            Instant expected = d.atTime(23, 59, 58).toInstant(ZoneOffset.UTC);
            assertEquals(expected, io.cameltelemetry.common.TelemetryTimes.parseCanonicalUtc(expected.toString()));
        }
        assertEquals(Instant.parse("2021-09-20T18:30:00Z"), io.cameltelemetry.common.TelemetryTimes.parseCanonicalUtc("2021-09-20T18:30:00+00:00"));
    }

    @Test
    void otherFormsGoToTheGeneralParser() {
        assertNull(io.cameltelemetry.common.TelemetryTimes.parseCanonicalUtc("2021-09-20T18:30:00.5Z"));
        assertNull(io.cameltelemetry.common.TelemetryTimes.parseCanonicalUtc("2021-09-20T18:30:00+01:00"));
        assertNull(io.cameltelemetry.common.TelemetryTimes.parseCanonicalUtc("2021-02-31T18:30:00Z"));
        assertNull(io.cameltelemetry.common.TelemetryTimes.parseCanonicalUtc("2021-0a-20T18:30:00Z"));
        assertEquals(Instant.parse("2021-09-20T17:30:00.500Z"), DcsTimes.parseWire("2021-09-20T18:30:00.5+01:00"));
        assertThrows(DcsValidationException.class, () -> DcsTimes.parseWire("2021-02-31T18:30:00Z"));
    }
}
