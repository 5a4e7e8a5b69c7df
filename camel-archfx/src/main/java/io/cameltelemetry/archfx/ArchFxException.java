package io.cameltelemetry.archfx;

import java.io.Serial;

import io.cameltelemetry.common.http.ErrorResponse;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * ArchFX answered with a non-2xx status (after any retries and one token refresh or re-login on 401). Carries the
 * status, the request URI (credentials travel only in the login body and the Authorization header, never in it), the
 * response headers and body, like camel-http's {@link HttpOperationFailedException}; the message follows the reference
 * client's ({@code Client Error 400: <url> (<body>)}, {@code Server Error 500: <url>}).
 */
public class ArchFxException extends HttpOperationFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String method;

    public ArchFxException(ErrorResponse error) {
        super(error.uri(), error.status(), error.reason(), error.location(), error.headers(), error.body());
        this.method = error.method();
    }

    public String getMethod() {
        return method;
    }

    @Override
    public String getMessage() {
        int status = getStatusCode();
        String body = getResponseBody() == null ? "" : getResponseBody().strip();
        String kind = status >= 500 ? "Server Error " : status >= 400 ? "Client Error " : "HTTP ";
        return "ArchFX " + method + " " + kind + status + ": " + getUri() + (body.isEmpty() || status >= 500
                ? ""
                : " (" + (body.length() > 300 ? body.substring(0, 300) + "..." : body) + ")");
    }
}
