package io.cameltelemetry.archfx;

import java.io.Serial;

import io.cameltelemetry.common.TelemetryValidationException;

/**
 * Bad input for ArchFX, detected before any I/O: a data point without a timestamp or stream, a value that is not a
 * number, a summary with a {@code value} key, a bad slug, option or resource. {@link #getField()} names the field and
 * {@link #getValue()} the rejected value (never a secret).
 */
public class ArchFxValidationException extends TelemetryValidationException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ArchFxValidationException(String field, Object value, String problem) {
        super("ArchFX", field, describe(value), problem, null);
    }

    public ArchFxValidationException(String field, Object value, String problem, String context) {
        super("ArchFX", field, describe(value), problem, context);
    }
}
