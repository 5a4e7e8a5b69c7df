package io.cameltelemetry.common;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * How long to wait before a retry: exponential backoff with full jitter (a random delay between 0 and
 * {@code min(maxDelay, initialDelay * 2^attempt)}), or the wait the server asked for ({@code Retry-After}, a rate limit
 * reset) in full. {@code maxDelay} caps only our own backoff: a server's wait is bounded by the request deadline (or,
 * without one, by the client's largest server wait), never shortened.
 *
 * @param maxRetries   retries after the first attempt (0 = none)
 * @param initialDelay cap of the first backoff, ms
 * @param maxDelay     largest delay of our own backoff, ms
 */
public record RetryPolicy(int maxRetries, long initialDelay, long maxDelay) {

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(0, 0, 0);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (initialDelay < 0 || maxDelay < 0) {
            throw new IllegalArgumentException("retry delays must be >= 0, were " + initialDelay + "/" + maxDelay);
        }
    }

    /** The default rule for statuses: 408, 429 and every 5xx are transient. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500 && status <= 599;
    }

    /**
     * Whether an I/O failure may pass on a retry: connection resets, timeouts, refused connections do; a TLS handshake
     * or certificate failure (untrusted or wrong certificate) does not.
     */
    public static boolean isRetryable(IOException failure) {
        return !(failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException);
    }

    /**
     * The delay before retry number {@code attempt + 1} (attempt counts from 0).
     *
     * @param retryAfterMillis the server's wish (see {@link #parseRetryAfter}), or a negative number for none; returned
     *                         as it is (the caller bounds it)
     */
    public long delayMillis(int attempt, long retryAfterMillis) {
        if (retryAfterMillis >= 0) {
            return retryAfterMillis;
        }
        long cap = initialDelay;
        for (int i = 0; i < attempt && cap < maxDelay; i++) {
            cap *= 2;
        }
        cap = Math.min(cap, maxDelay);
        return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
    }

    /**
     * Retry-After as delta-seconds ({@code 3}, also {@code 3s} as DCS's spec writes it) or an HTTP date; -1 if absent
     * or unreadable. A number of seconds too large for a long of milliseconds is {@link Long#MAX_VALUE}, never an
     * overflow: the caller's bound then applies.
     */
    public static long parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        if (v.endsWith("s") && v.length() > 1 && Character.isDigit(v.charAt(v.length() - 2))) {
            v = v.substring(0, v.length() - 1);
        }
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 15) {
                return Long.MAX_VALUE; // more than 31,000 years: the cap applies
            }
            long seconds = Long.parseLong(v);
            return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(Instant.now(), at).toMillis());
        } catch (DateTimeParseException | ArithmeticException notDate) {
            return -1;
        }
    }

    /**
     * The wait a rate limit asks for: when {@code X-RateLimit-Remaining} is 0 (or less), until
     * {@code X-RateLimit-Reset}, read as epoch seconds when it is above 10^9, else as seconds from now; -1 when the
     * headers ask for no wait or cannot be read.
     */
    public static long rateLimitWaitMillis(String remaining, String reset, long nowMillis) {
        if (remaining == null || reset == null) {
            return -1;
        }
        try {
            if (Long.parseLong(remaining.trim()) > 0) {
                return -1;
            }
            long r = Long.parseLong(reset.trim());
            return r < 0 ? -1 : untilResetMillis(r, nowMillis);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The milliseconds until an {@code X-RateLimit-Reset} value (0 or more): epoch seconds when above 10^9, else
     * seconds from now; {@link Long#MAX_VALUE} when too large for a long of milliseconds, never an overflow.
     */
    public static long untilResetMillis(long reset, long nowMillis) {
        if (reset > Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        return reset > 1_000_000_000L ? Math.max(0, reset * 1000 - nowMillis) : reset * 1000;
    }
}
