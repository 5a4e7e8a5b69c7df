package io.cameltelemetry.pylot;

import java.io.Serial;

/**
 * Bad input for PYLOT, detected before anything is sent: a NaN, infinite, null or non-numeric value, a missing node or
 * metric, a timestamp of an unsupported type, bad credentials or a bad option value. {@link #getField()} names the
 * offending field and {@link #getValue()} describes the rejected value (never a secret).
 */
public class PylotValidationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String problem;

    public PylotValidationException(String field, Object value, String problem) {
        this(field, describe(value), problem, null);
    }

    private PylotValidationException(String field, String value, String problem, String context) {
        super("Invalid PYLOT " + field + " " + value + ": " + problem + (context == null ? "" : " (" + context + ")"));
        this.field = field;
        this.value = value;
        this.problem = problem;
    }

    /** For secrets: names the field but never its value. */
    static PylotValidationException secret(String field, String problem) {
        return new PylotValidationException(field, "(secret)", problem, null);
    }

    /** The same error with where it happened added to the message, e.g. {@code metric '1'}. */
    PylotValidationException withContext(String context) {
        return new PylotValidationException(field, value, problem, context);
    }

    /** The field that was rejected, e.g. {@code value}, {@code node}, {@code metric}, {@code timestamp}. */
    public String getField() {
        return field;
    }

    /** A printable description of the rejected value, e.g. {@code NaN}, {@code null}, {@code 'abc' (String)}. */
    public String getValue() {
        return value;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double || value instanceof Float) {
            return String.valueOf(value);
        }
        String text = String.valueOf(value);
        if (text.length() > 100) {
            text = text.substring(0, 100) + "...";
        }
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }
}
