package io.cameltelemetry.examples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunMonitorTest {

    /**
     * The race CI once hit: the exchange that completes a batch is done (and counted) before the aggregator's thread
     * starts sending the batch, so the inflight repository is empty for a moment. The run must not stop then.
     */
    @Test
    void aBatchQueuedOnTheAggregatorsThreadKeepsTheRunBusy() throws Exception {
        ExecutorService aggregatorThread = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch limit = new CountDownLatch(1);
        // the aggregator's only thread is busy, so the completed batch waits in its queue
        aggregatorThread.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CamelContext context = new DefaultCamelContext();
        RunMonitor monitor = new RunMonitor(2, 10_000, limit::countDown);
        try {
            monitor.install(context);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("in")
                            .aggregate(constant("all"), new GroupedBodyAggregationStrategy()).completionSize(2)
                            .executorService(aggregatorThread)
                            .to("mock:batches");
                }
            });
            context.start();
            context.createProducerTemplate().sendBody("direct:in", "a");
            context.createProducerTemplate().sendBody("direct:in", "b");
            assertEquals(2, monitor.completedCount());
            assertEquals(0, context.getInflightRepository().size(), "the batch has not started yet");

            // the limit is reached, but the queued batch holds the stop back
            assertFalse(limit.await(300, TimeUnit.MILLISECONDS), "the run stopped with a batch still queued");
            release.countDown();
            assertTrue(limit.await(10, TimeUnit.SECONDS), "the run never stopped after the batch was sent");
            MockEndpoint batches = context.getEndpoint("mock:batches", MockEndpoint.class);
            assertEquals(1, batches.getReceivedCounter());
        } finally {
            release.countDown();
            context.stop();
            aggregatorThread.shutdownNow();
        }
    }
}
