package io.cameltelemetry.esmond;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.common.TelemetryPollingConsumer;
import io.cameltelemetry.common.state.StoredCursorException;
import io.cameltelemetry.esmond.client.EsmondDataIterator;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the new points of an event type (base data, or one summary) of every metadata the filters match (or of the
 * one named by metadataKey), one exchange per point, oldest first.
 * <p>
 * Each series has a cursor in the endpoint's {@code StateRepository}: the second of the last point delivered and how
 * many points of that second were delivered. A page is asked for by time, never by {@code offset} (an archive or a
 * proxy may ignore it): {@code time-start} = the cursor's second, {@code limit} = the page size plus that count,
 * {@code time-end} = the end fixed when the poll began; the first {@code count} points of the cursor's second are the
 * ones delivered already and are skipped. Points sharing a second at a page boundary are neither skipped nor repeated,
 * and a restart resumes exactly, whether or not the archive honours {@code offset}. The cursor moves after each exchange
 * completes; a failed exchange ends the poll and the next poll starts with it. A page is read whole before its points
 * are routed, so a slow route never holds a connection. A fresh cursor starts at startTime, else now minus timeRange
 * (default one hour). Summary points are polled once their window has passed (a summary is rewritten while its window
 * is open). A failure (the archive down, a non-JSON answer) fails the poll, which Camel's scheduler reports and
 * retries; an {@link Error} too: polling goes on. A stop waits for the poll in progress before it stops the state
 * repository ({@link TelemetryPollingConsumer}).
 */
public class EsmondConsumer extends TelemetryPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EsmondConsumer.class);

    private final EsmondEndpoint endpoint;
    private final String eventType;
    private final EsmondSummaryType summary;
    private final Long window;
    /** The series whose page processBatch delivers, and its cursor (moved by each delivered point). */
    private EsmondDataIterator.Series series;
    private Cursor cursor;

    public EsmondConsumer(EsmondEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        EsmondConfiguration c = endpoint.getConfiguration();
        this.eventType = c.getEventType();
        this.summary = endpoint.summaryType() == null ? EsmondSummaryType.BASE : endpoint.summaryType();
        this.window = summary == EsmondSummaryType.BASE ? Long.valueOf(0) : c.getSummaryWindow();
        if (window == null) {
            throw new EsmondValidationException("summaryWindow", null,
                    "a " + summary.jsonName() + " summary needs its window in seconds");
        }
    }

    @Override
    public EsmondEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected StateRepository<String, String> stateRepository() {
        return endpoint.getConfiguration().getStateRepository();
    }

    @Override
    protected String describe() {
        return "the esmond " + eventType + (summary == EsmondSummaryType.BASE
                ? ""
                : " " + summary.jsonName() + " "
                        + window)
                + " points";
    }

    /** Where a series stands: the second of the last point delivered and how many points of it were delivered. */
    record Cursor(long ts, long delivered) {

        static Cursor parse(String stored) {
            int colon = stored.indexOf(':');
            return colon < 0
                    ? new Cursor(Long.parseLong(stored), 0)
                    : new Cursor(Long.parseLong(stored.substring(0, colon)),
                            Long.parseLong(stored.substring(colon + 1)));
        }

        Cursor after(long pointTs) {
            return pointTs == ts ? new Cursor(ts, delivered + 1) : new Cursor(pointTs, 1);
        }

        @Override
        public String toString() {
            return ts + ":" + delivered;
        }
    }

    /** The state key of a series: metadata key, event type and summary. */
    static String key(EsmondDataIterator.Series series) {
        return "esmond-cursor:" + series.metadataKey() + ":" + series.eventType() + ":" + series.summary().jsonName() + ":"
                + series.window();
    }

    /** The stored cursor of a series, or a fresh one (stored at once, so that it does not drift with the clock). */
    Cursor cursor(EsmondDataIterator.Series series) {
        String stored = stateRepository().getState(key(series));
        if (stored != null) {
            return StoredCursorException.parse("esmond", stateRepository(), key(series), stored, "<seconds>:<count>",
                    Cursor::parse);
        }
        Long start = endpoint.startTime();
        if (start == null) {
            Long range = endpoint.getConfiguration().getTimeRange();
            start = endpoint.clock().instant().getEpochSecond()
                    - (range != null ? range : EsmondEndpoint.DEFAULT_TIME_RANGE);
        }
        Cursor fresh = new Cursor(Math.max(0, start), 0);
        stateRepository().setState(key(series), fresh.toString());
        return fresh;
    }

    @Override
    protected int pollOnce() throws Exception {
        long now = endpoint.clock().instant().getEpochSecond();
        long end = summary == EsmondSummaryType.BASE ? now : now - window;
        if (endpoint.endTime() != null) {
            end = Math.min(end, endpoint.endTime());
        }
        List<EsmondDataIterator.Series> all = endpoint.query().series(endpoint.getConfiguration().getMetadataKey(), eventType,
                summary, window);
        int pageSize = endpoint.getConfiguration().getPageSize();
        int max = getMaxMessagesPerPoll();
        int delivered = 0;
        for (EsmondDataIterator.Series s : all) {
            series = s;
            cursor = cursor(s);
            while (cursor.ts() <= end && isRunAllowed()) {
                int limit = max > 0 ? Math.min(pageSize, max - delivered) : pageSize;
                if (limit <= 0) {
                    return delivered;
                }
                long seen = cursor.delivered();
                int asked = (int) Math.min(Integer.MAX_VALUE, limit + seen);
                List<EsmondDataPoint> page = EsmondDataIterator.page(endpoint.client(), s, cursor.ts(), end, asked);
                Queue<Object> points = new ArrayDeque<>(page.size());
                long skipped = 0;
                for (EsmondDataPoint point : page) {
                    long ts = point.ts();
                    if (ts < cursor.ts()) {
                        LOG.debug("Skipped a point of {} at {} before the cursor {}", key(s), ts, cursor);
                    } else if (ts == cursor.ts() && skipped < seen) {
                        skipped++; // delivered before: the first points of the cursor's second
                    } else {
                        points.add(point);
                    }
                }
                int offered = points.size();
                if (offered == 0 && page.size() >= asked) {
                    // a full page with nothing after the cursor: the archive ignored time-start; stop, never loop
                    throw new TelemetryMalformedResponseException("esmond", "GET", key(s), 200, "a full page of " + page.size()
                            + " points with none after the cursor " + cursor + " (the archive ignored time-start)",
                            null);
                }
                int done = processBatch(points);
                delivered += done;
                if (done < offered) {
                    return delivered; // an exchange failed (or we are stopping): the next poll starts with it
                }
                if (page.size() < asked) {
                    break;
                }
            }
        }
        if (delivered > 0) {
            LOG.debug("Polled {} new esmond {} points of {} series", delivered, eventType, all.size());
        }
        return delivered;
    }

    /** Routes one page of the current series, point by point, moving its cursor after each completed exchange. */
    @Override
    public int processBatch(Queue<Object> points) throws Exception {
        int total = points.size();
        int index = 0;
        int done = 0;
        while (!points.isEmpty() && isBatchAllowed()) {
            EsmondDataPoint point = (EsmondDataPoint) points.poll();
            Exchange exchange = createExchange(false);
            exchange.getIn().setBody(point.value());
            exchange.getIn().setHeader(EsmondConstants.METADATA_KEY, series.metadataKey());
            exchange.getIn().setHeader(EsmondConstants.EVENT_TYPE, series.eventType());
            exchange.getIn().setHeader(EsmondConstants.TIMESTAMP, Instant.ofEpochSecond(point.ts()));
            exchange.getIn().setHeader(EsmondConstants.SOURCE, series.metadata().getSource());
            exchange.getIn().setHeader(EsmondConstants.DESTINATION, series.metadata().getDestination());
            EsmondDataIterator.Series current = series;
            if (!route(exchange, index++, total, () -> "the esmond " + current.eventType() + " point of "
                    + current.metadataKey() + " at " + point.ts())) {
                return done;
            }
            cursor = cursor.after(point.ts());
            stateRepository().setState(key(series), cursor.toString());
            done++;
        }
        return done;
    }
}
