package io.cameltelemetry.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures are retried and how long to wait: exponential backoff with full jitter (a random delay between 0 and
 * {@code min(maxDelay, initialDelay * 2^attempt)}), or the server's {@code Retry-After} capped by {@code maxDelay}.
 *
 * @param maxRetries   retries after the first attempt (0 = none)
 * @param initialDelay cap of the first backoff, ms
 * @param maxDelay     largest delay, ms
 */
public record RetryPolicy(int maxRetries, long initialDelay, long maxDelay) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (initialDelay < 0 || maxDelay < 0) {
            throw new IllegalArgumentException("retry delays must be >= 0");
        }
    }

    /** I/O errors and these statuses are transient: 408, 429 and every 5xx. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500 && status <= 599;
    }

    /**
     * Whether an I/O failure may pass on a retry: connection resets, timeouts, refused connections do; a TLS
     * handshake or certificate failure (untrusted or wrong certificate) does not.
     */
    public static boolean isRetryable(java.io.IOException failure) {
        return !(failure instanceof javax.net.ssl.SSLHandshakeException
                 || failure instanceof javax.net.ssl.SSLPeerUnverifiedException);
    }

    /** Sleeps the given delay; an interrupt ends the wait with an InterruptedIOException (interrupt flag kept). */
    public static void sleep(long millis, String what) throws java.io.InterruptedIOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            java.io.InterruptedIOException io = new java.io.InterruptedIOException("Interrupted while waiting to retry " + what);
            io.initCause(e);
            throw io;
        }
    }

    /**
     * The delay before retry number {@code attempt + 1} (attempt counts from 0).
     *
     * @param retryAfter the response's Retry-After header, or null
     */
    public long delayMillis(int attempt, String retryAfter) {
        long fromServer = parseRetryAfter(retryAfter);
        if (fromServer >= 0) {
            return Math.min(fromServer, maxDelay);
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
     * or unreadable.
     */
    public static long parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        if (v.endsWith("s") && v.length() > 1 && Character.isDigit(v.charAt(v.length() - 2))) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? -1 : Duration.ofSeconds(seconds).toMillis();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(Instant.now(), at).toMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
