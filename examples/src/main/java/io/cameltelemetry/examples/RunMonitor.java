package io.cameltelemetry.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Navigate;
import org.apache.camel.Route;
import org.apache.camel.impl.engine.DefaultUnitOfWorkFactory;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.SynchronizationAdapter;
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
        // every unit of work (consumer exchanges and the aggregator's batches alike) reports its failure itself,
        // independent of event notifiers, which may already be stopped when a batch fails during shutdown
        DefaultUnitOfWorkFactory units = new DefaultUnitOfWorkFactory() {
            @Override
            public UnitOfWork createUnitOfWork(Exchange exchange) {
                UnitOfWork unit = super.createUnitOfWork(exchange);
                unit.addSynchronization(new SynchronizationAdapter() {
                    @Override
                    public void onFailure(Exchange failed) {
                        Throwable cause = failed.getException();
                        failures.add("exchange " + failed.getExchangeId() + " from route " + failed.getFromRouteId()
                                + " failed: " + (cause == null ? "unknown error" : describe(cause)));
                    }
                });
                return unit;
            }
        };
        units.afterPropertiesConfigured(context);
        context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, units);
    }

    /**
     * Waits (bounded) until no exchange is in flight, e.g. a batch an aggregator completed on stop. A batch an
     * aggregator has completed but not yet started to send (it is queued for the aggregator's thread) is not in the
     * inflight repository yet, so the aggregators' own in-progress counts are checked as well.
     */
    void awaitInFlight(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (context != null && busy() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean busy() {
        if (context.getInflightRepository().size() > 0) {
            return true;
        }
        List<AggregateProcessor> aggregators = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            collectAggregators(route.getProcessor(), aggregators, 0);
        }
        return aggregators.stream().anyMatch(a -> a.getInProgressCompleteExchanges() > 0);
    }

    private static void collectAggregators(Object processor, List<AggregateProcessor> found, int depth) {
        if (processor instanceof AggregateProcessor aggregator) {
            found.add(aggregator);
        }
        if (depth < 64 && processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            List<?> next = navigate.next();
            if (next != null) {
                for (Object child : next) {
                    collectAggregators(child, found, depth + 1);
                }
            }
        }
    }

    private void consumerExchangeDone() {
        long n = completed.incrementAndGet();
        if (maxMessages > 0 && n >= maxMessages && limitReached.compareAndSet(false, true)) {
            LOG.info("{} exchanges completed: stopping once nothing is in flight", n);
            ExecutorService drain = context.getExecutorServiceManager().newSingleThreadExecutor(this, "runner-drain");
            drain.execute(() -> {
                awaitInFlight(drainTimeoutMillis);
                onLimit.run();
                drain.shutdown();
            });
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
