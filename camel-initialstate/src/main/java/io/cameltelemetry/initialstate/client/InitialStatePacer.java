package io.cameltelemetry.initialstate.client;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.cameltelemetry.common.http.Sleeper;

/**
 * Spaces the requests of one access key: at most {@code maxRequestsPerSecond}, slower when the server's
 * {@code X-RateLimit-Limit} (requests per 10 s), {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch
 * seconds) allow less, and paused after a 429 for its {@code Retry-After}. Shared by every endpoint and bucket request
 * of the key (the component keeps one per key), so that a 429 is an exception, not the pacing method. No wait is longer
 * than the caller's bound.
 */
public final class InitialStatePacer {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

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
     * Waits for this request's turn, at most {@code maxWaitMillis}.
     *
     * @return the milliseconds waited
     */
    public long acquire(Sleeper sleeper, long maxWaitMillis) throws InterruptedIOException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long at = Math.max(now, nextNanos);
            long bound = now + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            at = Math.min(at, bound);
            nextNanos = at + Math.max(configuredSpacingNanos, serverSpacingNanos);
            waitNanos = at - now;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999);
        if (millis > 0) {
            try {
                sleeper.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while pacing Initial State requests");
            }
        }
        return millis;
    }

    /** Reads the rate limit headers of a response (any status). */
    public void onResponse(Function<String, String> headers) {
        Long limit = number(headers.apply("X-RateLimit-Limit"));
        Long remaining = number(headers.apply("X-RateLimit-Remaining"));
        Long reset = number(headers.apply("X-RateLimit-Reset"));
        synchronized (this) {
            long spacing = limit != null && limit > 0 ? WINDOW_NANOS / limit : 0;
            if (remaining != null && reset != null) {
                long leftNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, reset * 1000 - System.currentTimeMillis()));
                if (remaining <= 0) {
                    nextNanos = Math.max(nextNanos, System.nanoTime() + leftNanos);
                } else {
                    spacing = Math.max(spacing, leftNanos / remaining);
                }
            }
            serverSpacingNanos = Math.min(spacing, WINDOW_NANOS);
        }
    }

    /** After a 429: nobody sends with this key before {@code millis} have passed. */
    public synchronized void pause(long millis) {
        nextNanos = Math.max(nextNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
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
