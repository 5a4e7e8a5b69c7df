package io.cameltelemetry.dcs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;

import io.cameltelemetry.common.TelemetryPollingConsumer;
import io.cameltelemetry.common.state.StoredCursorException;
import io.cameltelemetry.dcs.client.DcsReadingIterator;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.dcs.model.DcsReadingsInfo;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the readings of one register or virtual meter since its cursor, one exchange per reading, oldest first. The
 * cursor (the start of the next period to read, per id) lives in the endpoint's {@code StateRepository} and moves past
 * a reading only after its exchange completed; a failed exchange stops the poll so the next poll starts with it. Only
 * complete periods are read (up to the start of the current one).
 * <p>
 * A poll works through the backlog one {@code maxWindow} window at a time: a window's response is read to its end (so
 * routes never hold the DCS session), its readings are routed, then the next window is read. Memory is bounded by one
 * window whatever the backlog. Once a window in the past (not the one up to now) is delivered, the cursor moves to its
 * end, also over periods without readings; periods of the latest window stay open for late data. Readings outside the
 * window (a server that also returns the reading at the exclusive end) and readings not after the last one delivered
 * are skipped, so window boundaries never duplicate. When a response breaks off (malformed JSON, a cut stream), the
 * readings before the fault are delivered and the cursor moves past them before the poll fails. An {@link Error} in a
 * poll fails the poll like any exception: polling goes on. A stop waits for the poll in progress before it stops the
 * state repository ({@link TelemetryPollingConsumer}).
 */
public class DcsConsumer extends TelemetryPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DcsConsumer.class);

    private final DcsEndpoint endpoint;
    private final DcsReadingsQuery query;
    private final String key;
    private DcsReadingsInfo info;

    public DcsConsumer(DcsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.query = endpoint.defaultQuery();
        this.key = "dcs-cursor:" + query.id() + ":" + query.period().wireName();
    }

    @Override
    public DcsEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected StateRepository<String, String> stateRepository() {
        return endpoint.getConfiguration().getStateRepository();
    }

    private StateRepository<String, String> state() {
        return stateRepository();
    }

    @Override
    protected String describe() {
        return "the DCS readings of " + query.id();
    }

    /** Where the next poll starts: the stored cursor, else startTime, else now minus one day (aligned). */
    Instant cursor() {
        String stored = state().getState(key);
        if (stored != null) {
            return StoredCursorException.parse("DCS", state(), key, stored, "an ISO-8601 instant", Instant::parse);
        }
        Instant from = endpoint.startTime() != null
                ? endpoint.startTime()
                : endpoint.clock().instant().minus(Duration.ofDays(1));
        return query.period().floor(from);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void setCursor(Instant next) {
        state().setState(key, next.toString());
    }

    @Override
    protected int pollOnce() throws Exception {
        Instant to = query.period().floor(endpoint.clock().instant());
        int max = getMaxMessagesPerPoll();
        int delivered = 0;
        Instant last = null;
        while (max <= 0 || delivered < max) {
            Instant from = cursor();
            if (!from.isBefore(to)) {
                break;
            }
            // with maxMessagesPerPoll, ask for no more periods than may still be emitted
            Instant until = max <= 0 ? to : min(to, query.period().plus(from, max - delivered));
            DcsChunkPlan.Window window = query.windows(new DcsReadingsQuery.Range(from, until, null, false, from, until),
                    endpoint.maxWindow()).get(0);
            Queue<Object> readings = new ArrayDeque<>();
            Exception fault = null;
            int skipped = 0;
            try (DcsReadingIterator it = endpoint.openReadings(query, new DcsReadingsQuery.Range(window.start(),
                    window.end(), null, false, window.start(), window.end()))) {
                info = it.info();
                while (it.hasNext() && (max <= 0 || delivered + readings.size() < max)) {
                    DcsReading reading = it.next();
                    Instant t = reading.timestamp();
                    if (t.isBefore(window.start()) || !t.isBefore(window.end()) || last != null && !t.isAfter(last)) {
                        skipped++; // outside the window (an inclusive end) or not after the last one: never repeat
                        continue;
                    }
                    readings.add(reading);
                    last = t;
                }
            } catch (Exception e) {
                fault = e; // deliver what came before it first
            }
            if (skipped > 0) {
                LOG.debug("Skipped {} readings of {} outside {}..{} or not after the previous one", skipped, query.id(),
                        window.start(), window.end());
            }
            int offered = readings.size();
            int done = processBatch(readings);
            delivered += done;
            if (fault != null) {
                if (done > 0) {
                    LOG.warn("Reading the DCS readings of {} from {} broke off ({}); the {} readings before the fault were "
                            + "delivered and the cursor is at {}",
                            query.id(), window.start(), fault.getMessage(), done, cursor());
                }
                throw fault;
            }
            if (done < offered) {
                break; // an exchange failed: the next poll starts with it
            }
            if (max > 0 && delivered >= max) {
                break;
            }
            if (!window.end().isBefore(to)) {
                break; // caught up: periods of the last window without data may still get it
            }
            if (cursor().isBefore(window.end())) {
                setCursor(window.end()); // a window in the past is complete: periods without data there are skipped
            }
        }
        return delivered;
    }

    @Override
    public int processBatch(Queue<Object> readings) throws Exception {
        int total = readings.size();
        int index = 0;
        int done = 0;
        int missing = 0;
        while (!readings.isEmpty() && isBatchAllowed()) {
            DcsReading reading = (DcsReading) readings.poll();
            Exchange exchange = createExchange(false);
            exchange.getIn().setBody(reading);
            exchange.getIn().setHeader(DcsConstants.READING_ID, query.id());
            exchange.getIn().setHeader(DcsConstants.TIMESTAMP, reading.timestamp());
            if (info != null) {
                exchange.getIn().setHeader(DcsConstants.NAME, info.name());
                exchange.getIn().setHeader(DcsConstants.UNIT, info.unit());
            }
            if (Double.isNaN(reading.value())) {
                exchange.getIn().setHeader(DcsConstants.VALUE_MISSING, true);
                missing++;
            }
            if (!route(exchange, index++, total, () -> "the DCS reading " + query.id() + " at " + reading.timestamp())) {
                break;
            }
            setCursor(query.period().plus(reading.timestamp(), 1));
            done++;
        }
        if (missing > 0) {
            LOG.info("{} of {} DCS readings of {} had no value (null, missing or NaN) and were delivered with value NaN "
                    + "and header {}=true",
                    missing, total, query.id(), DcsConstants.VALUE_MISSING);
        }
        if (done > 0) {
            LOG.debug("Polled {} readings of {}; cursor now {}", done, query.id(), state().getState(key));
        }
        return done;
    }
}
