package io.cameltelemetry.dcs;

import java.io.Serial;

import org.apache.camel.RuntimeCamelException;

/**
 * A DCS response could not be parsed, possibly in the middle of a streamed readings body: the readings before the
 * fault were delivered, {@link #getReadingsBefore()} says how many.
 */
public class DcsMalformedResponseException extends RuntimeCamelException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long readingsBefore;

    public DcsMalformedResponseException(String uri, long readingsBefore, Throwable cause) {
        super("Malformed DCS response from " + uri + " after " + readingsBefore + " readings: " + cause.getMessage(), cause);
        this.readingsBefore = readingsBefore;
    }

    public long getReadingsBefore() {
        return readingsBefore;
    }
}
