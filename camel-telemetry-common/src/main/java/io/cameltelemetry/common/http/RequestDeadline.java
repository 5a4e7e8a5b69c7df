package io.cameltelemetry.common.http;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/** The overall deadline of one request: a timer drops the connection when it passes. */
final class RequestDeadline {
    private final HttpRequestSpec spec;
    private final long deadlineMillis;
    private final ScheduledExecutorService timer;
    private final long endNanos;
    private ScheduledFuture<?> task;
    volatile boolean expired;

    RequestDeadline(HttpRequestSpec spec, long deadlineMillis, ScheduledExecutorService timer) {
        this.spec = spec;
        this.deadlineMillis = deadlineMillis;
        this.timer = timer;
        this.endNanos = deadlineMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis) : 0;
    }

    boolean enabled() {
        return deadlineMillis > 0;
    }

    long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
    }

    /** Starts the timer that cancels {@code request} when the deadline passes; fails at once when it has passed. */
    void arm(HttpUriRequestBase request) throws RequestDeadlineException {
        if (!enabled()) {
            return;
        }
        long left = remainingMillis();
        if (left <= 0) {
            expired = true;
            throw failure("before the next attempt", null);
        }
        task = timer.schedule(() -> {
            expired = true;
            request.cancel();
        }, left, TimeUnit.MILLISECONDS);
    }

    void disarm() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    RequestDeadlineException failure(String what, Throwable cause) {
        return new RequestDeadlineException(spec.method(), TelemetryHttpClient.sanitise(spec.uri()), deadlineMillis, what,
                cause);
    }
}
