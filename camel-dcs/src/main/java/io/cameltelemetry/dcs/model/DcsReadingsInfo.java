package io.cameltelemetry.dcs.model;

import java.time.Instant;

/**
 * The envelope of a public-API readings response (everything before {@code readings}); for a range read in several
 * requests, {@code startTime} of the first and {@code endTime} of the last. The legacy API has no envelope: only the
 * requested range is known.
 *
 * @param name            {@code METER NAME: REGISTER NAME} for registers, the VM name for virtual meters, or null
 * @param unit            e.g. kWh, or null
 * @param periodType      as the server reports it, or null
 * @param startTime       range start
 * @param endTime         range end (exclusive)
 * @param readingDuration {@code readingDuration} (or {@code duration}), or null
 */
public record DcsReadingsInfo(String name, String unit, String periodType, Instant startTime, Instant endTime,
        Integer readingDuration) {
}
