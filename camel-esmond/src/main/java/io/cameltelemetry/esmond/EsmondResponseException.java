package io.cameltelemetry.esmond;

import java.io.Serial;

import org.apache.camel.RuntimeCamelException;

/**
 * A 2xx answer that is not what the archive sends: a content type other than JSON (a login page of a proxy, an HTML
 * error page) or a body that is not the expected JSON. Never read as an empty result.
 */
public class EsmondResponseException extends RuntimeCamelException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final int status;
    private final String contentType;

    public EsmondResponseException(String uri, int status, String contentType, String problem, Throwable cause) {
        super("Unexpected esmond response from " + uri + " (HTTP " + status + ", Content-Type "
                + (contentType == null ? "none" : contentType) + "): " + problem, cause);
        this.uri = uri;
        this.status = status;
        this.contentType = contentType;
    }

    public String getUri() {
        return uri;
    }

    public int getStatus() {
        return status;
    }

    public String getContentType() {
        return contentType;
    }
}
