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

    /**
     * ArchFX answered (often with a 2xx) something the component cannot read: a login answer without a {@code jwt}
     * string, a data page whose {@code results} holds a non-object, a paging loop that never ends. {@link #getStatusCode()}
     * is the status of that answer; the message says what it looked like (secret values masked) and never quotes the
     * password. Not retried by the client: a poll fails with it and its cursor stays.
     */
    public static class MalformedResponse extends ArchFxException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String problem;

        public MalformedResponse(String method, String uri, int status, String problem, String excerpt) {
            super(new ErrorResponse(method, uri, status, "", null, java.util.Map.of(), excerpt, false));
            this.problem = problem;
        }

        /** What could not be read. */
        public String getProblem() {
            return problem;
        }

        @Override
        public String getMessage() {
            String body = getResponseBody() == null ? "" : getResponseBody().strip();
            return "ArchFX " + getMethod() + " " + getUri() + " answered HTTP " + getStatusCode() + " with " + problem
                    + (body.isEmpty() ? "" : " (" + (body.length() > 200 ? body.substring(0, 200) + "..." : body) + ")");
        }
    }
}
