package io.cameltelemetry.pylot;

import java.io.Serial;

import io.cameltelemetry.common.http.ErrorResponse;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * PYLOT answered a request with a non-2xx status (after any retries). Carries the status, the sanitised request URI
 * (never credentials), the response headers (minus cookies and credentials) and the body (at most 64 KiB), like
 * camel-http's {@link HttpOperationFailedException}, so {@code onException(HttpOperationFailedException.class)}
 * handlers work unchanged.
 */
public class PylotException extends HttpOperationFailedException {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final int rowsSentBefore;

    public PylotException(ErrorResponse error, int rowsSentBefore) {
        super(error.uri(), error.status(), error.reason(), error.location(), error.headers(), error.body());
        this.rowsSentBefore = rowsSentBefore;
    }

    /**
     * Rows of the same message that were sent successfully in earlier requests before this one failed (resending them
     * is harmless: PYLOT overwrites by node, timestamp and metric).
     */
    public int getRowsSentBefore() {
        return rowsSentBefore;
    }

    @Override
    public String getMessage() {
        String body = getResponseBody();
        if (body == null || body.isBlank()) {
            return super.getMessage();
        }
        String shown = body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body;
        return super.getMessage() + ", response: " + shown.strip();
    }
}
