package io.cameltelemetry.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the exchanges that route consumers started (a timer tick, a polled reading; not split or aggregated
 * sub-exchanges, and a direct: call counts once, for the route whose consumer created the exchange), stops the run
 * after {@code maxMessages} of them, and records every exchange that failed unhandled, aggregated ones included.
 * <p>
 * An aggregator sends a completed batch on its own thread, after the exchange that completed it is done. So when the
 * limit is reached the monitor waits (up to {@code drainTimeoutMillis}) until nothing is in flight before it asks
 * camel-main to stop; batches still open then are completed by the aggregator on stop.
 */
final class RunMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(RunMonitor.class);

    private final long maxMessages;
    private final long drainTimeoutMillis;
    private final Runnable onLimit;
    private CamelContext context;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicBoolean limitReached = new AtomicBoolean();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    RunMonitor(long maxMessages, long drainTimeoutMillis, Runnable onLimit) {
        this.maxMessages = maxMessages;
        this.drainTimeoutMillis = drainTimeoutMillis;
        this.onLimit = onLimit;
    }

    void install(CamelContext context) throws Exception {
        this.context = context;
        context.addRoutePolicyFactory(new RoutePolicyFactory() {
            @Override
            public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
                return new RoutePolicySupport() {
                    @Override
                    public void onExchangeDone(Route r, Exchange exchange) {
                        if (r.getRouteId().equals(exchange.getFromRouteId())) {
                            consumerExchangeDone();
                        }
                    }
                };
            }
        });
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeFailedEvent) event).getExchange();
                Throwable cause = exchange.getException();
                failures.add("exchange " + exchange.getExchangeId() + " from route " + exchange.getFromRouteId()
                             + " failed: " + (cause == null ? "unknown error" : describe(cause)));
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeFailedEvent;
            }
        });
    }

    private void consumerExchangeDone() {
        long n = completed.incrementAndGet();
        if (maxMessages > 0 && n >= maxMessages && limitReached.compareAndSet(false, true)) {
            LOG.info("{} exchanges completed: stopping once nothing is in flight", n);
            ExecutorService drain = context.getExecutorServiceManager().newSingleThreadExecutor(this, "runner-drain");
            drain.execute(() -> {
                awaitNothingInFlight();
                onLimit.run();
                drain.shutdown();
            });
        }
    }

    private void awaitNothingInFlight() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainTimeoutMillis);
        try {
            while (context.getInflightRepository().size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long completedCount() {
        return completed.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The exception chain, one cause after the other, as a user needs it to understand what went wrong. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append("; caused by ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
