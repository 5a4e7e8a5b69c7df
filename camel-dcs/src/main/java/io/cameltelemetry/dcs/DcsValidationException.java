package io.cameltelemetry.dcs;

import java.io.Serial;

/**
 * Bad arguments for DCS, detected before any I/O: a bad id, a misaligned or missing time, not exactly two of
 * startTime/endTime/periodCount, an option the chosen API does not support. {@link #getField()} names the option and
 * {@link #getValue()} the rejected value (never a secret).
 */
public class DcsValidationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public DcsValidationException(String field, Object value, String problem) {
        super("Invalid DCS " + field + " " + (value == null ? "null" : "'" + value + "'") + ": " + problem);
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
    }

    public String getField() {
        return field;
    }

    public String getValue() {
        return value;
    }
}
