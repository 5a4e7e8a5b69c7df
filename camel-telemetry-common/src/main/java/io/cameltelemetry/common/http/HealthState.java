package io.cameltelemetry.common.http;

import java.util.concurrent.atomic.AtomicInteger;

/** Whether the last requests of a {@link TelemetryHttpClient} succeeded, for a producer health check. */
public final class HealthState {
    private volatile long lastFailure;
    private volatile String lastError;
    private volatile Throwable lastException;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    void succeeded() {
        consecutiveFailures.set(0);
    }

    <E extends Throwable> E failed(E e) {
        lastFailure = System.currentTimeMillis();
        lastError = e.getMessage();
        lastException = e;
        consecutiveFailures.incrementAndGet();
        return e;
    }

    /** Requests that failed for good in a row since the last success. */
    public int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public long lastFailure() {
        return lastFailure;
    }

    public String lastError() {
        return lastError;
    }

    public Throwable lastException() {
        return lastException;
    }
}
