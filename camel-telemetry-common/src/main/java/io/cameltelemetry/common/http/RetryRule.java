package io.cameltelemetry.common.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.cameltelemetry.common.RetryPolicy;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Which failures a component's platform treats as transient. The default: idempotent requests are retried on I/O
 * errors (not TLS certificate failures) and 408, 429 and 5xx; a non-idempotent request only where the server cannot
 * have applied it (the connection was never made).
 */
public interface RetryRule {

    RetryRule DEFAULT = new RetryRule() {
    };

    /** Whether an error status may pass on a retry. */
    default boolean isRetryable(ErrorResponse response, boolean idempotent) {
        return idempotent && RetryPolicy.isRetryableStatus(response.status());
    }

    /** Whether an I/O failure may pass on a retry. */
    default boolean isRetryable(IOException failure, boolean idempotent) {
        if (!RetryPolicy.isRetryable(failure)) {
            return false;
        }
        return idempotent || neverSent(failure);
    }

    /** How long the server asks us to wait, in ms (negative: no wish). Default: the Retry-After header. */
    default long retryAfterMillis(ErrorResponse response) {
        return RetryPolicy.parseRetryAfter(response.header("Retry-After"));
    }

    /** The request cannot have reached the server: the connection failed. */
    static boolean neverSent(IOException failure) {
        return failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException || failure instanceof NoRouteToHostException;
    }
}
