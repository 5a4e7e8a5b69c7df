package io.cameltelemetry.common.http;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/**
 * How a component's requests carry credentials: HTTP Basic, a {@code Token}/{@code jwt} header, a cookie session. The
 * {@link TelemetryHttpClient} calls {@link #authenticate} before every attempt and, when the server answers 401,
 * {@link #renew} once, then repeats the request once. An implementation may send its own requests (a sign-in, a token
 * refresh) through the client with {@link HttpRequestSpec#authenticated(boolean) authenticated(false)}.
 */
public interface HttpAuthenticator {

    /** No credentials. */
    HttpAuthenticator NONE = (request, context, client) -> {
    };

    /** Adds credentials to a request about to be sent; may sign in first. */
    void authenticate(HttpUriRequestBase request, HttpClientContext context, TelemetryHttpClient client) throws Exception;

    /**
     * The server refused the credentials (401). Renew them (sign in again, refresh a token) and return true to send the
     * request once more, or false to fail with the 401.
     */
    default boolean renew(ErrorResponse refused, TelemetryHttpClient client) throws Exception {
        return false;
    }
}
