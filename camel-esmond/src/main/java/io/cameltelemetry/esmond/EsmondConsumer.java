package io.cameltelemetry.esmond;

import java.util.List;

import io.cameltelemetry.esmond.client.EsmondDataIterator;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the new points of an event type (base data, or one summary) of every metadata the filters match (or of the
 * one named by metadataKey), one exchange per point, oldest first.
 * <p>
 * Each series has a cursor in the endpoint's {@code StateRepository}: the second of the last point delivered and how
 * many points of that second were delivered. A page is asked for as {@code time-start} = the cursor's second,
 * {@code offset} = that count, {@code time-end} = the end fixed when the poll began, so points sharing a second at a
 * page boundary are neither skipped nor repeated, and a restart resumes exactly. The cursor moves after each exchange
 * completes; a failed exchange ends the poll and the next poll starts with it. A page is read whole before its points
 * are routed, so a slow route never holds a connection. A fresh cursor starts at timeStart, else now minus timeRange
 * (default one hour). Summary points are polled once their window has passed (a summary is rewritten while its window
 * is open). A failure (the archive down, a non-JSON answer) fails the poll, which Camel's scheduler reports and
 * retries; an {@link Error} too: polling goes on.
 */
public class EsmondConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EsmondConsumer.class);

    private final EsmondEndpoint endpoint;
    private final String eventType;
    private final EsmondSummaryType summary;
    private final Long window;
    private int maxMessagesPerPoll;

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

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    @Override
    protected void doStart() throws Exception {
        // a FileStateRepository (or any repository that is a Service) loads its state when started
        ServiceHelper.startService(state());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ServiceHelper.stopService(state());
    }

    private StateRepository<String, String> state() {
        return endpoint.getConfiguration().getStateRepository();
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
    String key(EsmondDataIterator.Series series) {
        return "esmond-cursor:" + series.metadataKey() + ":" + series.eventType() + ":" + series.summary().jsonName() + ":"
                + series.window();
    }

    /** The stored cursor of a series, or a fresh one (stored at once, so that it does not drift with the clock). */
    Cursor cursor(EsmondDataIterator.Series series) {
        String stored = state().getState(key(series));
        if (stored != null) {
            try {
                return Cursor.parse(stored);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("The stored esmond cursor " + key(series) + " = '" + stored
                        + "' is not <seconds>:<count>; fix or remove it", e);
            }
        }
        Long start = endpoint.timeStart();
        if (start == null) {
            Long range = endpoint.getConfiguration().getTimeRange();
            start = endpoint.clock().instant().getEpochSecond()
                    - (range != null ? range : EsmondEndpoint.DEFAULT_TIME_RANGE);
        }
        Cursor fresh = new Cursor(Math.max(0, start), 0);
        state().setState(key(series), fresh.toString());
        return fresh;
    }

    @Override
    protected int poll() throws Exception {
        try {
            return pollSeries();
        } catch (Error e) {
            // thrown on, an Error would end the scheduled task without a word: make it a failed poll, and go on polling
            throw new RuntimeCamelException("Polling esmond " + eventType + " failed with " + e
                    + "; the next poll starts at the stored cursors", e);
        }
    }

    private int pollSeries() throws Exception {
        long now = endpoint.clock().instant().getEpochSecond();
        long end = summary == EsmondSummaryType.BASE ? now : now - window;
        if (endpoint.timeEnd() != null) {
            end = Math.min(end, endpoint.timeEnd());
        }
        List<EsmondDataIterator.Series> all = endpoint.series(endpoint.getConfiguration().getMetadataKey(), eventType,
                summary, window);
        int pageSize = endpoint.getConfiguration().getPageSize();
        int delivered = 0;
        for (EsmondDataIterator.Series series : all) {
            Cursor cursor = cursor(series);
            while (cursor.ts() <= end && isRunAllowed()) {
                int limit = maxMessagesPerPoll > 0 ? Math.min(pageSize, maxMessagesPerPoll - delivered) : pageSize;
                if (limit <= 0) {
                    return delivered;
                }
                List<EsmondDataPoint> page = EsmondDataIterator.page(endpoint.client(), series, cursor.ts(), end, limit,
                        cursor.delivered());
                for (EsmondDataPoint point : page) {
                    if (point.ts() < cursor.ts()) {
                        LOG.debug("Skipped a point of {} at {} before the cursor {}", key(series), point.ts(), cursor);
                        continue;
                    }
                    if (!deliver(series, point)) {
                        return delivered; // the next poll starts with it
                    }
                    cursor = cursor.after(point.ts());
                    state().setState(key(series), cursor.toString());
                    delivered++;
                }
                if (page.size() < limit) {
                    break;
                }
            }
        }
        if (delivered > 0) {
            LOG.debug("Polled {} new esmond {} points of {} series", delivered, eventType, all.size());
        }
        return delivered;
    }

    private boolean deliver(EsmondDataIterator.Series series, EsmondDataPoint point) {
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(point.value());
        exchange.getIn().setHeader(EsmondConstants.METADATA_KEY, series.metadataKey());
        exchange.getIn().setHeader(EsmondConstants.EVENT_TYPE, series.eventType());
        exchange.getIn().setHeader(EsmondConstants.TIMESTAMP, point.ts());
        exchange.getIn().setHeader(EsmondConstants.SOURCE, series.metadata().getSource());
        exchange.getIn().setHeader(EsmondConstants.DESTINATION, series.metadata().getDestination());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Failed to process the esmond " + series.eventType()
                        + " point of " + series.metadataKey() + " at " + point.ts() + "; the next poll starts with it",
                        exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
