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
 * {@code min(maxDelay, initialDelay * 2^attempt)}), or the server's {@code Retry-After} capped by {@code maxDelay}.
 *
 * @param maxRetries   retries after the first attempt (0 = none)
 * @param initialDelay cap of the first backoff, ms
 * @param maxDelay     largest delay, ms
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
     * @param retryAfterMillis the server's wish (see {@link #parseRetryAfter}), or a negative number for none
     */
    public long delayMillis(int attempt, long retryAfterMillis) {
        if (retryAfterMillis >= 0) {
            return Math.min(retryAfterMillis, maxDelay);
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
     * overflow: the caller caps it.
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
            return Long.parseLong(v) * 1000;
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(Instant.now(), at).toMillis());
        } catch (DateTimeParseException | ArithmeticException notDate) {
            return -1;
        }
    }
}
