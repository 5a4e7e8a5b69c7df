package io.cameltelemetry.archfx;

import java.io.Serial;

/**
 * The {@link ArchFxReportLedger} could not order an upload: the streamer's lock was not free within lockTimeout, or the
 * database did not answer. Nothing was uploaded for the exchange; sending it again (Camel redelivery) is safe.
 */
public class ArchFxLedgerException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ArchFxLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
