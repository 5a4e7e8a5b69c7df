package io.cameltelemetry.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every camel-telemetry polling consumer whose cursors live in a {@link StateRepository}:
 * <ul>
 * <li>the repository is started with the consumer (a {@code FileStateRepository} loads its file then) and stopped only
 * after the poll in progress has ended, so a stop never clears the cursors under a running poll (which would then
 * start again from a fresh cursor and store it);</li>
 * <li>no poll starts once the consumer is stopping;</li>
 * <li>an {@link Error} in a poll fails that poll like an exception (thrown on, it would end the scheduled task without a
 * word): polling goes on.</li>
 * </ul>
 */
public abstract class TelemetryPollingConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPollingConsumer.class);

    private final ReentrantLock polling = new ReentrantLock();

    protected TelemetryPollingConsumer(Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    /** Where the cursors live. */
    protected abstract StateRepository<String, String> stateRepository();

    /** One poll: the exchanges it produced; throws when it failed. */
    protected abstract int pollOnce() throws Exception;

    /** What is polled, for messages, e.g. {@code the DCS readings of R733}. */
    protected abstract String describe();

    /** How long a stop waits for the poll in progress before it stops the repository anyway (ms). */
    protected long stopWaitMillis() {
        return 60_000;
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(stateRepository());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        boolean idle = polling.tryLock(stopWaitMillis(), TimeUnit.MILLISECONDS);
        try {
            if (!idle) {
                LOG.warn("Stopping the consumer of {} while a poll still runs after {} ms; its state repository is "
                        + "stopped anyway",
                        describe(), stopWaitMillis());
            }
            ServiceHelper.stopService(stateRepository());
        } finally {
            if (idle) {
                polling.unlock();
            }
        }
    }

    @Override
    public final int poll() throws Exception {
        polling.lock();
        try {
            if (!isRunAllowed()) {
                return 0;
            }
            return pollOnce();
        } catch (Error e) {
            throw new RuntimeCamelException("Polling " + describe() + " failed with " + e
                    + "; the next poll starts at the stored cursor", e);
        } finally {
            polling.unlock();
        }
    }

    /**
     * Routes one item of a poll's batch: sets the batch properties, runs the route, hands a failure to the consumer's
     * exception handler (with {@code what} and "the next poll starts with it"), and releases the exchange.
     *
     * @return whether the exchange completed (then the caller moves its cursor past the item)
     */
    protected final boolean route(Exchange exchange, int index, int total, Supplier<String> what) {
        exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
        exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
        exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Failed to process " + what.get() + "; the next poll starts with it",
                        exchange, exchange.getException());
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
