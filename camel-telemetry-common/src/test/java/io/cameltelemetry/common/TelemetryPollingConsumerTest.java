package io.cameltelemetry.common;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cursor store outlives the poll in progress; no poll after a stop; an Error is a failed poll. */
class TelemetryPollingConsumerTest {

    private static final class Repository extends MemoryStateRepository {
        volatile boolean stoppedWhilePolling;
        volatile boolean polling;

        @Override
        protected void doStop() throws Exception {
            stoppedWhilePolling |= polling;
            super.doStop();
        }
    }

    private static final class Consumer extends TelemetryPollingConsumer {
        final Repository repository = new Repository();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger polls = new AtomicInteger();
        volatile Error error;

        Consumer(DefaultEndpoint endpoint) {
            super(endpoint, exchange -> {
            });
            setStartScheduler(false);
        }

        @Override
        protected MemoryStateRepository stateRepository() {
            return repository;
        }

        @Override
        protected int pollOnce() throws Exception {
            polls.incrementAndGet();
            if (error != null) {
                throw error;
            }
            repository.polling = true;
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            repository.setState("cursor", "42");
            repository.polling = false;
            return 1;
        }

        @Override
        protected String describe() {
            return "the test series";
        }

        @Override
        public int processBatch(Queue<Object> exchanges) {
            return 0;
        }
    }

    private static DefaultEndpoint endpoint(CamelContext context) {
        DefaultEndpoint endpoint = new DefaultEndpoint("test:x", null) {
            @Override
            public Producer createProducer() {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.apache.camel.Consumer createConsumer(Processor processor) {
                throw new UnsupportedOperationException();
            }
        };
        endpoint.setCamelContext(context);
        return endpoint;
    }

    @Test
    void aStopWaitsForThePollInProgressBeforeItStopsTheStateRepository() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            Consumer consumer = new Consumer(endpoint(context));
            consumer.start();
            assertTrue(consumer.repository.isStarted(), "started with the consumer");
            Thread poller = new Thread(() -> {
                try {
                    consumer.poll();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            poller.start();
            assertTrue(consumer.entered.await(10, TimeUnit.SECONDS));
            Thread stopper = new Thread(consumer::stop);
            stopper.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.isStopping() || consumer.isStopped());
            assertTrue(consumer.repository.isStarted(), "not stopped under the running poll");
            consumer.release.countDown();
            poller.join(10_000);
            stopper.join(10_000);
            assertTrue(consumer.repository.isStopped());
            assertTrue(!consumer.repository.stoppedWhilePolling);
            assertEquals(0, consumer.poll(), "no poll once stopped");
            assertEquals(1, consumer.polls.get());
        }
    }

    @Test
    void anErrorInAPollIsAFailedPollNamingWhatWasPolled() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            Consumer consumer = new Consumer(endpoint(context));
            consumer.start();
            consumer.error = new OutOfMemoryError("simulated");
            RuntimeCamelException e = assertThrows(RuntimeCamelException.class, consumer::poll);
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            assertTrue(e.getMessage().contains("Polling the test series failed"), e.getMessage());
            consumer.stop();
        }
    }
}
