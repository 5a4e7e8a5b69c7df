package io.cameltelemetry.archfx;

import java.util.ArrayList;
import java.util.List;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxStreamerSlug;
import org.apache.camel.spi.StateRepository;

/**
 * Reading and report ids per streamer (device and streamer index), kept in a {@link StateRepository}: the cloud
 * ingests a reading only when its id is greater than every id it has of that streamer, so ids must grow across
 * reports and restarts. A point's own id (above 0) is kept as given and raises the counter; points without one get
 * the next ids. The counter is stored before the report is uploaded, so an id is never used twice, even when the
 * upload fails (the cloud does not mind gaps).
 */
final class ArchFxIds {

    private final StateRepository<String, String> repository;

    ArchFxIds(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    private static String readingKey(ArchFxStreamerSlug streamer) {
        return "archfx-last-reading-id:" + streamer;
    }

    private static String reportKey(ArchFxStreamerSlug streamer) {
        return "archfx-last-report-id:" + streamer;
    }

    private long get(String key) {
        String stored = repository.getState(key);
        if (stored == null) {
            return 0;
        }
        try {
            return Long.parseLong(stored);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The stored ArchFX id counter " + key + " = '" + stored
                    + "' is not a number; fix or remove it", e);
        }
    }

    /** The points with ids: given ones kept, the others numbered above every id sent or seen of the streamer. */
    synchronized List<ArchFxDataPoint> assign(ArchFxStreamerSlug streamer, List<ArchFxDataPoint> points) {
        String key = readingKey(streamer);
        long last = get(key);
        for (ArchFxDataPoint p : points) {
            last = Math.max(last, p.readingId());
        }
        List<ArchFxDataPoint> numbered = new ArrayList<>(points.size());
        for (ArchFxDataPoint p : points) {
            numbered.add(p.readingId() > 0 ? p : p.withReadingId(++last));
        }
        repository.setState(key, Long.toString(last));
        return numbered;
    }

    /** The next report id of a streamer, or {@code given} (which then raises the counter). */
    synchronized long reportId(ArchFxStreamerSlug streamer, Long given) {
        String key = reportKey(streamer);
        long last = get(key);
        long id = given != null ? given : last + 1;
        repository.setState(key, Long.toString(Math.max(last, id)));
        return id;
    }
}
