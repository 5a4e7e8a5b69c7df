package io.cameltelemetry.initialstate;

import java.io.Serial;

import io.cameltelemetry.common.http.ErrorResponse;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Initial State answered with a non-2xx status (after any retries). Carries the status, the request URI (the access key
 * travels only in a header, never in it), the response headers and body, like camel-http's
 * {@link HttpOperationFailedException}. The subclasses name the causes users act on: a wrong key
 * ({@link Unauthorized}), a refused request or removed bucket ({@link BadRequest}), the monthly event cap
 * ({@link QuotaExceeded}) and an oversized body ({@link PayloadTooLarge}).
 */
public class InitialStateException extends HttpOperationFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String explanation;

    public InitialStateException(ErrorResponse error, String explanation) {
        super(error.uri(), error.status(), error.reason(), error.location(), error.headers(), error.body());
        this.explanation = explanation;
    }

    /** The cause in plain words. */
    public String getExplanation() {
        return explanation;
    }

    @Override
    public String getMessage() {
        return explanation + " (" + super.getMessage() + (getResponseBody() == null || getResponseBody().isBlank()
                ? ""
                : ", response: " + shorten(getResponseBody())) + ")";
    }

    private static String shorten(String body) {
        String b = body.strip();
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }

    /** The access key is wrong, revoked or not allowed for this bucket (401, 403). Not retried. */
    public static class Unauthorized extends InitialStateException {
        @Serial
        private static final long serialVersionUID = 1L;

        public Unauthorized(ErrorResponse error) {
            super(error, "Initial State refused the access key (HTTP " + error.status() + "): check accessKey");
        }
    }

    /**
     * Initial State refused the request (400), for example a bucket key that belonged to a deleted bucket
     * ({@code BUCKET_REMOVED}). Not retried.
     */
    public static class BadRequest extends InitialStateException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String errorType;

        public BadRequest(ErrorResponse error, String errorType, String serverMessage) {
            super(error, "BUCKET_REMOVED".equals(errorType)
                    ? "The bucket key belonged to a bucket that was deleted; Initial State does not reuse it: use another "
                            + "bucket key" + (serverMessage == null ? "" : " (" + serverMessage + ")")
                    : "Initial State refused the request as malformed (HTTP 400" + (errorType == null ? "" : ", " + errorType)
                            + ")" + (serverMessage == null ? "" : ": " + serverMessage));
            this.errorType = errorType;
        }

        /** The server's {@code message.error.type}, e.g. {@code BUCKET_REMOVED}, or null. */
        public String getErrorType() {
            return errorType;
        }
    }

    /** The account reached its monthly event cap (402): nothing more is accepted this cycle. Not retried. */
    public static class QuotaExceeded extends InitialStateException {
        @Serial
        private static final long serialVersionUID = 1L;

        public QuotaExceeded(ErrorResponse error) {
            super(error, "The Initial State account reached its event limit for the current cycle (HTTP 402): upgrade "
                    + "the plan or wait for the next cycle");
        }
    }

    /** The request body was over Initial State's 1 MB limit (413). Not retried. */
    public static class PayloadTooLarge extends InitialStateException {
        @Serial
        private static final long serialVersionUID = 1L;

        public PayloadTooLarge(ErrorResponse error) {
            super(error, "The request body was larger than Initial State accepts (HTTP 413); lower maxEventsPerRequest");
        }
    }
}
