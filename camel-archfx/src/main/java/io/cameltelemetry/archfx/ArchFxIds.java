package io.cameltelemetry.archfx;

import java.util.ArrayList;
import java.util.List;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxStreamerSlug;
import io.cameltelemetry.common.state.IdAllocator;
import io.cameltelemetry.common.state.StateRepositoryIdAllocator;
import org.apache.camel.spi.StateRepository;

/**
 * Reading and report ids per streamer (device and streamer index), kept in a {@link StateRepository}: the cloud
 * ingests a reading only when its id is greater than every id it has of that streamer, so ids must grow across
 * reports and restarts. A point's own id (above 0) is kept as given and raises the counter; points without one get
 * the next ids. The counter is stored before the report is uploaded, so an id is never used twice, even when the
 * upload fails (the cloud does not mind gaps). With a {@code JdbcIdAllocator} (option {@code idAllocator}) the blocks
 * are reserved atomically on a database every replica shares.
 */
final class ArchFxIds {

    private final IdAllocator allocator;

    ArchFxIds(IdAllocator allocator) {
        this.allocator = allocator;
    }

    ArchFxIds(StateRepository<String, String> repository) {
        this(new StateRepositoryIdAllocator(repository));
    }

    private static String readingKey(ArchFxStreamerSlug streamer) {
        return "archfx-last-reading-id:" + streamer;
    }

    private static String reportKey(ArchFxStreamerSlug streamer) {
        return "archfx-last-report-id:" + streamer;
    }

    /**
     * The points with ids: given ones kept, the others numbered above every id sent or seen of the streamer, from one
     * block reserved for the whole report.
     */
    List<ArchFxDataPoint> assign(ArchFxStreamerSlug streamer, List<ArchFxDataPoint> points) {
        long floor = 0;
        int missing = 0;
        for (ArchFxDataPoint p : points) {
            floor = Math.max(floor, p.readingId());
            if (p.readingId() <= 0) {
                missing++;
            }
        }
        long next = allocator.allocate(readingKey(streamer), floor, missing);
        List<ArchFxDataPoint> numbered = new ArrayList<>(points.size());
        for (ArchFxDataPoint p : points) {
            numbered.add(p.readingId() > 0 ? p : p.withReadingId(next++));
        }
        return numbered;
    }

    /** The next report id of a streamer, or {@code given} (which then raises the counter). */
    long reportId(ArchFxStreamerSlug streamer, Long given) {
        if (given != null) {
            allocator.allocate(reportKey(streamer), given, 0);
            return given;
        }
        return allocator.allocate(reportKey(streamer), 0, 1);
    }
}
