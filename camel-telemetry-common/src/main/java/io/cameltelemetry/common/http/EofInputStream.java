package io.cameltelemetry.common.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A response body that records whether it was read to its end; closing it does nothing (the owner decides). */
final class EofInputStream extends FilterInputStream {
    volatile boolean eof;

    EofInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            eof = true;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            eof = true;
        }
        return n;
    }

    @Override
    public void close() {
        // closing the entity stream would drain it to the end: the OpenResponse/executor close decides instead
    }
}
