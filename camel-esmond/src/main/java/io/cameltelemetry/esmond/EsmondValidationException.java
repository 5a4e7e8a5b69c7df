package io.cameltelemetry.esmond;

import java.io.Serial;

import io.cameltelemetry.common.TelemetryValidationException;

/**
 * Bad input for esmond, detected before any I/O: a missing subject field, an unknown event type, a summary the data
 * type does not allow, a value that does not fit its event type, a bad time or option. {@link #getField()} names the
 * field and {@link #getValue()} the rejected value (never a secret).
 */
public class EsmondValidationException extends TelemetryValidationException {

    @Serial
    private static final long serialVersionUID = 1L;

    public EsmondValidationException(String field, Object value, String problem) {
        super("esmond", field, describe(value), problem, null);
    }

    public EsmondValidationException(String field, Object value, String problem, String context) {
        super("esmond", field, describe(value), problem, context);
    }
}
