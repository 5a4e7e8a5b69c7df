package io.cameltelemetry.common.http;

import java.io.IOException;
import java.io.Serial;

/**
 * A request did not complete within its {@code requestDeadline} (retries, waits and the response body included), or
 * the server asked for a wait longer than what was left of it (without a deadline: longer than
 * {@code retryMaxServerWait}); its connection was dropped. An {@link IOException}, so {@code onException(IOException.class)} handlers see it; it is
 * never retried by the client itself.
 */
public class RequestDeadlineException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final long deadlineMillis;

    public RequestDeadlineException(String method, String uri, long deadlineMillis, String what, Throwable cause) {
        super(deadlineMillis > 0
                ? method + " " + uri + " did not complete within the requestDeadline of " + deadlineMillis + " ms (" + what
                        + ")"
                : method + " " + uri + " was not retried: " + what, cause);
        this.uri = uri;
        this.deadlineMillis = deadlineMillis;
    }

    /** The request URI (sanitised: no credentials). */
    public String getUri() {
        return uri;
    }

    public long getDeadlineMillis() {
        return deadlineMillis;
    }
}
