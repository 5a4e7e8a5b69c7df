package io.cameltelemetry.dcs.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.cameltelemetry.dcs.DcsApiVersion;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.dcs.model.DcsReadingsInfo;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readings of one or more requests (the windows of a long range) as one continuous, lazily read sequence: the
 * next window is requested only when the previous one is drained. Each open response holds its DCS session; closing
 * the iterator (or draining it) releases it. Safe to close more than once.
 */
public final class DcsReadingIterator implements Iterator<DcsReading>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DcsReadingIterator.class);

    /** Opens the response of one window. */
    @FunctionalInterface
    public interface WindowOpener {
        DcsSession.LockedResponse open(int window) throws Exception;
    }

    private final DcsApiVersion api;
    private final int windows;
    private final WindowOpener opener;
    private int nextWindow;
    private DcsSession.LockedResponse response;
    private DcsReadingsReader reader;
    private DcsReadingsInfo firstInfo;
    private DcsReadingsInfo lastInfo;
    private boolean closed;
    private long delivered;

    /** Opens the first window at once, so that errors and the envelope are known before the body is handed out. */
    public DcsReadingIterator(DcsApiVersion api, int windows, WindowOpener opener) throws Exception {
        this.api = api;
        this.windows = windows;
        this.opener = opener;
        openNext();
    }

    private boolean openNext() throws Exception {
        closeCurrent();
        if (nextWindow >= windows) {
            return false;
        }
        response = opener.open(nextWindow++);
        try {
            reader = new DcsReadingsReader(api, response.body(), response.uri());
        } catch (RuntimeException e) {
            closeCurrent();
            throw e;
        }
        if (firstInfo == null) {
            firstInfo = reader.info();
        }
        lastInfo = reader.info();
        return true;
    }

    /** The envelope of the first window with the end time of the last one read so far (public API), or null. */
    public DcsReadingsInfo info() {
        if (firstInfo == null) {
            return null;
        }
        return new DcsReadingsInfo(firstInfo.name(), firstInfo.unit(), firstInfo.periodType(), firstInfo.startTime(),
                lastInfo.endTime(), firstInfo.readingDuration());
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        try {
            while (!reader.hasNext()) {
                if (!openNext()) {
                    close();
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public DcsReading next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            DcsReading reading = reader.next();
            delivered++;
            return reading;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Readings handed out so far. */
    public long delivered() {
        return delivered;
    }

    private void closeCurrent() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debug("Closing a DCS readings parser failed", e);
            }
            reader = null;
        }
        if (response != null) {
            response.close();
            response = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeCurrent();
    }
}
