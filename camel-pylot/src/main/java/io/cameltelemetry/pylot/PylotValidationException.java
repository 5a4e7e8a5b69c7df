package io.cameltelemetry.pylot;

import java.io.Serial;

import io.cameltelemetry.common.TelemetryValidationException;

/**
 * Bad input for PYLOT, detected before anything is sent: a NaN, infinite, out-of-range, null or non-numeric value, a
 * missing node or metric, a timestamp of an unsupported type or outside years 0000-9999, bad credentials or a bad
 * option value. {@link #getField()} names the offending field and {@link #getValue()} describes the rejected value
 * (never a secret).
 */
public class PylotValidationException extends TelemetryValidationException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PylotValidationException(String field, Object value, String problem) {
        this(field, describe(value), problem, null);
    }

    private PylotValidationException(String field, String value, String problem, String context) {
        super("PYLOT", field, value, problem, context);
    }

    /** For secrets: names the field but never its value. */
    static PylotValidationException secret(String field, String problem) {
        return new PylotValidationException(field, SECRET, problem, null);
    }

    /** The same error with where it happened added to the message, e.g. {@code metric '1'}. */
    PylotValidationException withContext(String context) {
        return new PylotValidationException(getField(), getValue(), getProblem(), context);
    }
}
