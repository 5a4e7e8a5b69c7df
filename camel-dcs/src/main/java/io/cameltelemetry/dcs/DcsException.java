package io.cameltelemetry.dcs;

import java.io.Serial;

import io.cameltelemetry.common.http.ErrorResponse;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * DCS answered with a non-2xx status (after retries and one re-sign-in on 401). Carries the status, the request URI
 * (no credentials: DCS sends them only in the sign-in body), the response body and the server's {@code details}
 * message, like camel-http's {@link HttpOperationFailedException}.
 */
public class DcsException extends HttpOperationFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String details;

    public DcsException(ErrorResponse error, String details) {
        super(error.uri(), error.status(), error.reason(), error.location(), error.headers(), error.body());
        this.details = details;
    }

    /** The server's {@code {"details": "..."}} text, or null. */
    public String getDetails() {
        return details;
    }

    @Override
    public String getMessage() {
        return details == null ? super.getMessage() : super.getMessage() + ": " + details;
    }
}
