package io.cameltelemetry.common.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * One request the {@link TelemetryHttpClient} sends, possibly several times: a new {@link HttpUriRequestBase} is built
 * for every attempt. Bodies are byte arrays (repeatable, no copy).
 */
public final class HttpRequestSpec {

    private final String method;
    private final String uri;
    private final List<String[]> headers = new ArrayList<>(4);
    private byte[] body;
    private int bodyOffset;
    private int bodyLength;
    private ContentType contentType;
    private boolean idempotent;
    private boolean authenticated = true;
    private Function<ErrorResponse, ? extends Exception> errors;

    private HttpRequestSpec(String method, String uri, boolean idempotent) {
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.idempotent = idempotent;
    }

    /** A GET (idempotent). */
    public static HttpRequestSpec get(String uri) {
        return new HttpRequestSpec("GET", uri, true);
    }

    /** A POST (not idempotent unless {@link #idempotent(boolean)} says so). */
    public static HttpRequestSpec post(String uri) {
        return new HttpRequestSpec("POST", uri, false);
    }

    /** Any method; PUT and DELETE are idempotent, others not, unless {@link #idempotent(boolean)} says otherwise. */
    public static HttpRequestSpec of(String method, String uri) {
        return new HttpRequestSpec(method, uri, "GET".equals(method) || "HEAD".equals(method) || "PUT".equals(method)
                || "DELETE".equals(method) || "OPTIONS".equals(method));
    }

    public HttpRequestSpec header(String name, String value) {
        headers.add(new String[]{ name, value });
        return this;
    }

    public HttpRequestSpec body(byte[] bytes, ContentType type) {
        return body(bytes, 0, bytes.length, type);
    }

    public HttpRequestSpec body(byte[] bytes, int offset, int length, ContentType type) {
        this.body = bytes;
        this.bodyOffset = offset;
        this.bodyLength = length;
        this.contentType = type;
        return this;
    }

    /**
     * Whether sending it twice does no harm (PYLOT's overwriting POST, esmond's checksum-keyed metadata POST): then I/O
     * errors and transient statuses are retried like a GET's.
     */
    public HttpRequestSpec idempotent(boolean idempotent) {
        this.idempotent = idempotent;
        return this;
    }

    /** Whether the client's {@link HttpAuthenticator} adds credentials (false for a sign-in request itself). */
    public HttpRequestSpec authenticated(boolean authenticated) {
        this.authenticated = authenticated;
        return this;
    }

    /** This request's own mapping of a final non-2xx answer (instead of the client's), e.g. to add context. */
    public HttpRequestSpec errors(Function<ErrorResponse, ? extends Exception> errors) {
        this.errors = errors;
        return this;
    }

    Function<ErrorResponse, ? extends Exception> errors() {
        return errors;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public boolean isIdempotent() {
        return idempotent;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** A fresh request for one attempt. */
    HttpUriRequestBase build() {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(uri));
        for (String[] h : headers) {
            request.setHeader(h[0], h[1]);
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, bodyOffset, bodyLength, contentType));
        }
        return request;
    }
}
