package io.cameltelemetry.esmond;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;

import io.cameltelemetry.common.TelemetryTimes;

/**
 * esmond's times are UNIX seconds. Numbers and numeric text are seconds (a fraction is cut off, as the Python client's
 * {@code int(float(x))}); anything else is read by {@link TelemetryTimes} (Instant, OffsetDateTime, Date, ISO-8601
 * text; local values as UTC).
 */
public final class EsmondTimes {

    private EsmondTimes() {
    }

    /** UNIX seconds of a time value; null for null. */
    public static Long toEpochSeconds(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new EsmondValidationException(field, value, "must be a finite number of UNIX seconds");
            }
            return seconds(field, value, new BigDecimal(n.toString()));
        }
        if (value instanceof CharSequence cs) {
            String text = cs.toString().strip();
            if (text.isEmpty()) {
                throw new EsmondValidationException(field, value, "must be UNIX seconds or ISO-8601 text");
            }
            if (text.matches("-?\\d+(\\.\\d*)?")) {
                return seconds(field, value, new BigDecimal(text));
            }
        }
        return TelemetryTimes.toInstant(field, value, ZoneOffset.UTC, EsmondValidationException::new).getEpochSecond();
    }

    private static long seconds(String field, Object value, BigDecimal number) {
        try {
            return number.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new EsmondValidationException(field, value, "is out of range for UNIX seconds");
        }
    }
}
