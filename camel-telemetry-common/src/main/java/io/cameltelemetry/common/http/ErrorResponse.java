package io.cameltelemetry.common.http;

import java.io.Serializable;
import java.util.Map;

/**
 * A non-2xx answer, as the client read it: what a component needs to make its typed exception.
 *
 * @param method    the request method
 * @param uri       the request URI, sanitised (no user info, secret-looking query values masked)
 * @param status    the HTTP status
 * @param reason    the reason phrase (may be empty)
 * @param location  the Location header, or null
 * @param headers   the response headers minus Set-Cookie, Cookie, Authorization and Proxy-Authorization
 * @param body      the body, at most {@link TelemetryHttpClient#MAX_ERROR_BODY} bytes of it, or null
 * @param truncated whether the body was longer than what was read (the connection was then dropped)
 */
public record ErrorResponse(String method, String uri, int status, String reason, String location,
        Map<String, String> headers, String body, boolean truncated) implements Serializable {

    /** A header, case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
