package io.cameltelemetry.dcs;

import java.io.Serial;

import io.cameltelemetry.common.TelemetryValidationException;

/**
 * Bad arguments for DCS, detected before any I/O: a bad id, a misaligned or missing time, not exactly two of
 * startTime/endTime/periodCount, an option the chosen API does not support. {@link #getField()} names the option and
 * {@link #getValue()} the rejected value (never a secret).
 */
public class DcsValidationException extends TelemetryValidationException {

    @Serial
    private static final long serialVersionUID = 1L;

    public DcsValidationException(String field, Object value, String problem) {
        super("DCS", field, describe(value), problem, null);
    }
}
