package io.cameltelemetry.common.http;

import java.io.Closeable;
import java.io.InputStream;

import org.apache.hc.core5.http.ClassicHttpResponse;

/** A streamed 2xx response; close it (a body read to its end gives the connection back, else it is dropped). */
public final class OpenResponse implements Closeable {
    private final SentRequest sent;
    private boolean closed;

    OpenResponse(SentRequest sent) {
        this.sent = sent;
    }

    public ClassicHttpResponse response() {
        return sent.response;
    }

    /** The body (an empty stream for a response without one). */
    public InputStream body() {
        return sent.body != null ? sent.body : InputStream.nullInputStream();
    }

    public int status() {
        return sent.status();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sent.close();
    }
}
