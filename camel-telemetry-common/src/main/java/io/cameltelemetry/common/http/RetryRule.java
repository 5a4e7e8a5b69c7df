package io.cameltelemetry.common.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.cameltelemetry.common.RetryPolicy;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Which failures a component's platform treats as transient. The default: idempotent requests are retried on I/O
 * errors (not TLS certificate failures) and 408, 429 and 5xx; a non-idempotent request on 429 (never processed) and
 * where the server cannot have applied it (the connection was never made). A platform that absorbs a repeated write
 * (refuses it as a duplicate, or dedupes it) says so in its own rule.
 */
public interface RetryRule {

    RetryRule DEFAULT = new RetryRule() {
    };

    /**
     * Whether an error status may pass on a retry. A 429 was not processed: retried for any request. Other transient
     * statuses (408, 5xx) only for idempotent requests, as the server may have applied a write before it failed.
     */
    default boolean isRetryable(ErrorResponse response, boolean idempotent) {
        return response.status() == 429 || idempotent && RetryPolicy.isRetryableStatus(response.status());
    }

    /** Whether an I/O failure may pass on a retry. */
    default boolean isRetryable(IOException failure, boolean idempotent) {
        if (!RetryPolicy.isRetryable(failure)) {
            return false;
        }
        return idempotent || neverSent(failure);
    }

    /**
     * How long the server asks us to wait, in ms (negative: no wish), honoured in full within the request's bound.
     * Default: the {@code Retry-After} header, else {@code X-RateLimit-Remaining: 0} until {@code X-RateLimit-Reset}.
     */
    default long retryAfterMillis(ErrorResponse response) {
        long retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"));
        if (retryAfter >= 0) {
            return retryAfter;
        }
        return RetryPolicy.rateLimitWaitMillis(response.header("X-RateLimit-Remaining"),
                response.header("X-RateLimit-Reset"), System.currentTimeMillis());
    }

    /** The request cannot have reached the server: the connection failed. */
    static boolean neverSent(IOException failure) {
        return failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException || failure instanceof NoRouteToHostException;
    }
}
