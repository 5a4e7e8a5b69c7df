package io.cameltelemetry.archfx.report;

import java.util.List;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;

/**
 * A {@code v200} streamer report as decoded.
 *
 * @param format           {@code v200}
 * @param device           the device id (unsigned 64 bits)
 * @param streamerIndex    the streamer
 * @param streamerSelector the selector
 * @param reportId         {@code seqid}
 * @param lowestId         the smallest non-zero reading id, 0 if none
 * @param highestId        the largest non-zero reading id, 0 if none
 * @param sentTimestamp    the packed sent time string, or null
 * @param events           the readings in report order
 */
public record ArchFxReport(String format, long device, int streamerIndex, int streamerSelector, long reportId,
        long lowestId, long highestId, String sentTimestamp, List<ArchFxDataPoint> events) {
}
