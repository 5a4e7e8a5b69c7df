package io.cameltelemetry.dcs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;

import io.cameltelemetry.dcs.client.DcsReadingIterator;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.dcs.model.DcsReadingsInfo;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the readings of one register or virtual meter since its cursor, one exchange per reading, oldest first. The
 * cursor (the start of the next period to read, per id) lives in the endpoint's {@code StateRepository} and moves past
 * a reading only after its exchange completed; a failed exchange stops the batch so the next poll starts with it. Only
 * complete periods are read (up to the start of the current one). The HTTP response is read to the end, up to
 * {@code maxMessagesPerPoll} readings, before any exchange is routed, so routes never hold the DCS session.
 */
public class DcsConsumer extends ScheduledBatchPollingConsumer {

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

    /** Where the next poll starts: the stored cursor, else startTime, else now minus one day (aligned). */
    Instant cursor() {
        String stored = state().getState(key);
        if (stored != null) {
            return Instant.parse(stored);
        }
        Instant from = endpoint.startTime() != null
                ? endpoint.startTime()
                : endpoint.clock().instant().minus(Duration.ofDays(1));
        return query.period().floor(from);
    }

    @Override
    protected int poll() throws Exception {
        Instant from = cursor();
        Instant to = query.period().floor(endpoint.clock().instant());
        if (!from.isBefore(to)) {
            return 0;
        }
        Queue<Object> exchanges = new ArrayDeque<>();
        int max = getMaxMessagesPerPoll();
        try (DcsReadingIterator readings = endpoint.openReadings(query,
                new DcsReadingsQuery.Range(from, to, null, false, from, to))) {
            info = readings.info();
            while (readings.hasNext() && (max <= 0 || exchanges.size() < max)) {
                DcsReading reading = readings.next();
                if (reading.timestamp().isBefore(from) || !reading.timestamp().isBefore(to)) {
                    continue; // inclusive boundaries: never repeat what the cursor has passed
                }
                exchanges.add(reading);
            }
        }
        return processBatch(exchanges);
    }

    @Override
    public int processBatch(Queue<Object> readings) throws Exception {
        int total = readings.size();
        int index = 0;
        int done = 0;
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
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            index++;
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Failed to process the DCS reading " + query.id() + " at "
                        + reading.timestamp() + "; the next poll starts with it",
                        exchange, exchange.getException());
                releaseExchange(exchange, false);
                break;
            }
            state().setState(key, query.period().plus(reading.timestamp(), 1).toString());
            releaseExchange(exchange, false);
            done++;
        }
        if (done > 0) {
            LOG.debug("Polled {} readings of {}; cursor now {}", done, query.id(), state().getState(key));
        }
        return done;
    }
}
