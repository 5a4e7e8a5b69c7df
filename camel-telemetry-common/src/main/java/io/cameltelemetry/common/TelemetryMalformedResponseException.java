package io.cameltelemetry.common;

import java.io.Serial;

import org.apache.camel.RuntimeCamelException;

/**
 * The platform answered something the component cannot read, whatever the component: a content type other than JSON
 * (a proxy's login page, an HTML error page), a truncated or malformed body (also in the middle of a streamed one), a
 * field of the wrong type or out of range, a paging loop that never ends. Never read as an empty result and never
 * retried by the client: a poll fails with it and keeps its cursor, so one {@code onException} clause covers all five
 * components. The message names the platform, the request (no credentials), the status and what could not be read;
 * secret values are masked in the excerpt.
 */
public class TelemetryMalformedResponseException extends RuntimeCamelException {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int MAX_EXCERPT_CHARS = 200;

    private final String platform;
    private final String method;
    private final String uri;
    private final int status;
    private final String contentType;
    private final String problem;
    private final String excerpt;
    private final long itemsBefore;

    /**
     * @param platform    the platform's display name, e.g. {@code DCS}
     * @param method      the HTTP method, or null where it does not matter
     * @param uri         the request URI, without credentials
     * @param status      the HTTP status of the answer (0 when none was read)
     * @param contentType the answer's Content-Type, or null
     * @param problem     what could not be read, as a user can act on it
     * @param excerpt     the start of what was read (secrets masked), or null
     * @param itemsBefore how many items (readings, points, records) of this answer were delivered before the fault, or
     *                    -1 where nothing is streamed
     * @param cause       the parser's error, or null
     */
    public TelemetryMalformedResponseException(String platform, String method, String uri, int status, String contentType,
            String problem, String excerpt, long itemsBefore, Throwable cause) {
        super(message(platform, method, uri, status, contentType, problem, excerpt, itemsBefore), cause);
        this.platform = platform;
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.contentType = contentType;
        this.problem = problem;
        this.excerpt = excerpt;
        this.itemsBefore = itemsBefore;
    }

    /** An answer of a request (no stream delivered, no parser error). */
    public TelemetryMalformedResponseException(String platform, String method, String uri, int status, String problem,
            String excerpt) {
        this(platform, method, uri, status, null, problem, excerpt, -1, null);
    }

    private static String message(
            String platform, String method, String uri, int status, String contentType, String problem, String excerpt,
            long itemsBefore) {
        StringBuilder sb = new StringBuilder("Malformed ").append(platform).append(" response to ");
        if (method != null) {
            sb.append(method).append(' ');
        }
        sb.append(uri).append(" (HTTP ").append(status);
        if (contentType != null) {
            sb.append(", Content-Type ").append(contentType);
        }
        sb.append(')');
        if (itemsBefore >= 0) {
            sb.append(" after ").append(itemsBefore).append(" items");
        }
        sb.append(": ").append(problem);
        String body = excerpt == null ? "" : excerpt.strip();
        if (!body.isEmpty()) {
            sb.append(" (").append(body.length() > MAX_EXCERPT_CHARS ? body.substring(0, MAX_EXCERPT_CHARS) + "..." : body)
                    .append(')');
        }
        return sb.toString();
    }

    /** The platform's display name. */
    public String getPlatform() {
        return platform;
    }

    /** The HTTP method of the request, or null. */
    public String getMethod() {
        return method;
    }

    /** The request URI (no credentials). */
    public String getUri() {
        return uri;
    }

    /** The HTTP status of the answer; 0 when none was read. */
    public int getStatusCode() {
        return status;
    }

    /** The answer's Content-Type, or null. */
    public String getContentType() {
        return contentType;
    }

    /** What could not be read. */
    public String getProblem() {
        return problem;
    }

    /** The start of what was read (secret values masked), or null. */
    public String getExcerpt() {
        return excerpt;
    }

    /** How many items of a streamed answer were delivered before the fault; -1 where the answer is not streamed. */
    public long getItemsBefore() {
        return itemsBefore;
    }
}
