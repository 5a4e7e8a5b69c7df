package io.cameltelemetry.esmond;

import java.io.Serial;

import io.cameltelemetry.common.http.ErrorResponse;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The archive answered with a non-2xx status (after any retries). Carries the status, the request URI (the api key
 * travels only in the Authorization header, never in it), the response headers and body, and the server's message
 * ({@code {"detail": ...}} as Django REST framework writes it, else {@code {"error": ...}}), like camel-http's
 * {@link HttpOperationFailedException}. Subclasses name what users act on: {@link Unauthorized} (401/403),
 * {@link NotFound} (404) and {@link Conflict} (409, a point already stored).
 */
public class EsmondException extends HttpOperationFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final String method;

    public EsmondException(ErrorResponse error, String detail) {
        super(error.uri(), error.status(), error.reason(), error.location(), error.headers(), error.body());
        this.detail = detail;
        this.method = error.method();
    }

    /** The server's {@code detail} (or {@code error}) text, or null. */
    public String getDetail() {
        return detail;
    }

    /** The request method (GET, POST, PUT). */
    public String getMethod() {
        return method;
    }

    @Override
    public String getMessage() {
        return "esmond " + method + " failed: " + super.getMessage() + (detail == null ? "" : ": " + detail);
    }

    /** The write was refused: no or a wrong api key (401), or the user lacks the permission (403). Not retried. */
    public static class Unauthorized extends EsmondException {
        @Serial
        private static final long serialVersionUID = 1L;

        public Unauthorized(ErrorResponse error, String detail) {
            super(error, detail);
        }

        @Override
        public String getMessage() {
            return super.getMessage() + (getStatusCode() == 401
                    ? " (check username and apiKey)"
                    : " (the api key's user lacks the permission to write to this archive)");
        }
    }

    /** The archive has no such metadata key or summary (404). Not retried. */
    public static class NotFound extends EsmondException {
        @Serial
        private static final long serialVersionUID = 1L;

        public NotFound(ErrorResponse error, String detail) {
            super(error, detail);
        }
    }

    /**
     * A point is already stored at that time (409): esmond keeps one value per second for integer, float and
     * percentage event types. Not retried; the other points of the message were not sent.
     */
    public static class Conflict extends EsmondException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String eventType;
        private final Long ts;

        public Conflict(ErrorResponse error, String detail, String eventType, Long ts) {
            super(error, detail);
            this.eventType = eventType;
            this.ts = ts;
        }

        /** The event type of the refused point, or null (a bulk request: see the detail). */
        public String getEventType() {
            return eventType;
        }

        /** The ts of the refused point, or null (a bulk request: see the detail). */
        public Long getTs() {
            return ts;
        }

        @Override
        public String getMessage() {
            return super.getMessage() + (eventType == null
                    ? ""
                    : " (a " + eventType + " point at ts " + ts + " is already stored)");
        }
    }
}
