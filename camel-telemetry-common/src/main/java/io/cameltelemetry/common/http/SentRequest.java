package io.cameltelemetry.common.http;

import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/** One request on the wire and its response, whose body's end is tracked; ended by finish, close or abort. */
final class SentRequest {

    final HttpUriRequestBase request;
    final ClassicHttpResponse response;
    /** The body, or null for a response without one. */
    final EofInputStream body;

    SentRequest(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException {
        this.request = request;
        this.response = response;
        HttpEntity entity = response.getEntity();
        this.body = entity == null ? null : new EofInputStream(entity.getContent());
        if (body != null) {
            // readers see the one stream whose end we track (getContent() of the original makes a new one each call)
            response.setEntity(new HttpEntityWrapper(entity) {
                @Override
                public InputStream getContent() {
                    return body;
                }
            });
        }
    }

    int status() {
        return response.getCode();
    }

    boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }

    boolean readToEnd() {
        return body == null || body.eof;
    }

    /** The exchange is over: drain at most {@code maxDrain} bytes of the rest so the connection is reused, else drop it. */
    void finish(int maxDrain) throws IOException {
        if (readToEnd()) {
            closeQuietly();
            return;
        }
        byte[] skip = new byte[8192];
        long drained = 0;
        int n;
        while (drained < maxDrain && (n = body.read(skip)) >= 0) {
            drained += n;
        }
        if (body.eof) {
            closeQuietly();
        } else {
            abort();
        }
    }

    /** Gives the connection back when the body was read to its end, else drops it. */
    void close() {
        if (readToEnd()) {
            closeQuietly();
        } else {
            abort();
        }
    }

    /** Drops the connection without reading what is left of the body. */
    void abort() {
        request.cancel();
        closeQuietly();
    }

    void closeQuietly() {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // the connection is discarded either way
        }
    }
}
