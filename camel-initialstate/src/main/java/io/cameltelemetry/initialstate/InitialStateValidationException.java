package io.cameltelemetry.initialstate;

import java.io.Serial;

import io.cameltelemetry.common.TelemetryValidationException;

/**
 * Bad input for Initial State, detected before anything is sent: a missing or too long key, a null, NaN, infinite or
 * too long value, a value of an unsupported type, a bad epoch, bucket key or option. {@link #getField()} names the
 * field (for an event value: {@code value of key '<key>'}) and {@link #getValue()} the rejected value (never a secret).
 */
public class InitialStateValidationException extends TelemetryValidationException {

    @Serial
    private static final long serialVersionUID = 1L;

    public InitialStateValidationException(String field, Object value, String problem) {
        super("Initial State", field, describe(value), problem, null);
    }

}
