package io.cameltelemetry.initialstate.client;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.common.http.RequestPacer;

/**
 * Spaces the requests of one access key: at most {@code maxRequestsPerSecond}, slower when the server's
 * {@code X-RateLimit-Limit} (requests per 10 s), {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch
 * seconds) allow less, and paused after a 429 for its {@code Retry-After}. Shared by every endpoint and bucket request
 * of the key (the component keeps one per key), so that a 429 is an exception, not the pacing method. Its waits are
 * honoured in full: the request executor fails a request at once when the wait would pass its deadline, never
 * shortens it.
 */
public final class InitialStatePacer implements RequestPacer {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    /**
     * The longest wait kept (a year): a server asking for more fails every request at once anyway, as it passes any
     * request deadline or retryMaxServerWait.
     */
    private static final long MAX_WAIT_NANOS = TimeUnit.DAYS.toNanos(365);

    private long configuredSpacingNanos;
    private long serverSpacingNanos;
    private long nextNanos = System.nanoTime();

    /** @param maxRequestsPerSecond the most requests a second (0 or less: no pacing of our own) */
    public InitialStatePacer(double maxRequestsPerSecond) {
        atMost(maxRequestsPerSecond);
    }

    /**
     * Another user of the key asks for at most {@code maxRequestsPerSecond}: the strictest positive rate of all users
     * applies (0 or less asks for nothing).
     */
    public synchronized void atMost(double maxRequestsPerSecond) {
        if (maxRequestsPerSecond > 0) {
            configuredSpacingNanos = Math.max(configuredSpacingNanos, (long) (1_000_000_000L / maxRequestsPerSecond));
        }
    }

    /**
     * Takes this request's turn: returns the milliseconds to wait before sending (the shared {@code TelemetryHttpClient}
     * waits them in full, or fails the request at once when they would pass its deadline).
     */
    @Override
    public synchronized long reserve() {
        long now = System.nanoTime();
        long at = now + Math.max(0, nextNanos - now);
        nextNanos = at + Math.max(configuredSpacingNanos, serverSpacingNanos);
        return TimeUnit.NANOSECONDS.toMillis(at - now + 999_999);
    }

    /** Reads the rate limit headers of a response (any status). */
    public void onResponse(Function<String, String> headers) {
        Long limit = number(headers.apply("X-RateLimit-Limit"));
        Long remaining = number(headers.apply("X-RateLimit-Remaining"));
        Long reset = number(headers.apply("X-RateLimit-Reset"));
        synchronized (this) {
            long spacing = limit != null && limit > 0 ? WINDOW_NANOS / limit : 0;
            if (remaining != null && reset != null) {
                long leftNanos = nanos(RetryPolicy.untilResetMillis(Math.max(0, reset), System.currentTimeMillis()));
                if (remaining <= 0) {
                    later(leftNanos);
                } else {
                    spacing = Math.max(spacing, leftNanos / remaining);
                }
            }
            serverSpacingNanos = Math.min(spacing, WINDOW_NANOS);
        }
    }

    /** After a 429: nobody sends with this key before {@code millis} have passed. */
    public synchronized void pause(long millis) {
        later(nanos(millis));
    }

    /** Nobody sends before {@code nanos} from now (kept when a later turn is already set). */
    private void later(long nanos) {
        long now = System.nanoTime();
        if (nextNanos - now < nanos) {
            nextNanos = now + nanos;
        }
    }

    /** Milliseconds as nanoseconds, at most {@link #MAX_WAIT_NANOS}: never an overflow of the clock arithmetic. */
    private static long nanos(long millis) {
        return millis <= 0 ? 0 : Math.min(TimeUnit.MILLISECONDS.toNanos(millis), MAX_WAIT_NANOS);
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
