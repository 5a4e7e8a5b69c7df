package io.cameltelemetry.common;

import java.io.Serial;

/**
 * Bad input or a bad option, detected before any I/O. Names the field and the rejected value; a secret's value is
 * never shown ({@link #getValue()} is {@code (secret)}). Each component has its own subclass, so routes can
 * {@code onException} one platform's validation errors.
 */
public class TelemetryValidationException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;
    /** Printed instead of a secret value. */
    public static final String SECRET = "(secret)";
    private static final int MAX_VALUE_CHARS = 100;

    private final String platform;
    private final String field;
    private final String value;
    private final String problem;

    /**
     * @param platform the platform's display name, e.g. {@code PYLOT}
     * @param field    the rejected option, header or field
     * @param value    the rejected value as {@link #describe(Object)} prints it
     * @param problem  what is wrong, as a user can act on it
     * @param context  where it happened (e.g. {@code metric 'temp'}), or null
     */
    protected TelemetryValidationException(String platform, String field, String value, String problem, String context) {
        super("Invalid " + platform + " " + field + " " + value + ": " + problem
                + (context == null ? "" : " (" + context + ")"));
        this.platform = platform;
        this.field = field;
        this.value = value;
        this.problem = problem;
    }

    /** The field that was rejected, e.g. {@code value}, {@code node}, {@code startTime}. */
    public String getField() {
        return field;
    }

    /** A printable description of the rejected value ({@code null}, {@code 'abc' (String)}, {@code (secret)}). */
    public String getValue() {
        return value;
    }

    /** What is wrong with the value. */
    public String getProblem() {
        return problem;
    }

    /** The platform's display name. */
    public String getPlatform() {
        return platform;
    }

    /**
     * A value as error messages show it: {@code null}; doubles as they are ({@code NaN}); anything else quoted, cut at
     * 100 characters, with its type.
     */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double || value instanceof Float) {
            return String.valueOf(value);
        }
        String text = String.valueOf(value);
        if (text.length() > MAX_VALUE_CHARS) {
            text = text.substring(0, MAX_VALUE_CHARS) + "...";
        }
        return "'" + text + "' (" + value.getClass().getSimpleName() + ")";
    }

    /** Makes a component's validation exception; lets shared helpers raise the right type. */
    @FunctionalInterface
    public interface Factory {
        RuntimeException invalid(String field, Object value, String problem);
    }
}
