package io.cameltelemetry.dcs;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DcsTimesTest {

    @Test
    void readingTimestampsParseEveryOffsetFormAndRejectImpossibleDates() {
        assertEquals(Instant.parse("2021-09-20T17:30:00.500Z"), DcsTimes.parseWire("2021-09-20T18:30:00.5+01:00"));
        assertThrows(DcsValidationException.class, () -> DcsTimes.parseWire("2021-02-31T18:30:00Z"));
    }
}
