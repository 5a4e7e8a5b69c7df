package io.cameltelemetry.initialstate;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cameltelemetry.common.TelemetryTimes;
import io.cameltelemetry.initialstate.model.InitialStateEvent;

/**
 * Turns message bodies into Initial State events, as ISStreamer's {@code log} and {@code log_object} do, and checks
 * every event before anything is sent:
 * <ul>
 * <li>a scalar (String, Number, Boolean): one event with the message's key;</li>
 * <li>{@link InitialStateEvent}s (one or a collection): as they are (a missing epoch becomes the message's);</li>
 * <li>a Map: one event per entry, key {@code <prefix><map key>}, in iteration order (default prefix {@code dict_});</li>
 * <li>a List, Collection or array: one event per element, key {@code <prefix><index>} from 0 (default
 * {@code list_});</li>
 * <li>any other object (a bean or record): one event per property, sorted by name (default prefix
 * {@code <SimpleClassName>_}).</li>
 * </ul>
 * A key prefix {@code p} gives keys {@code p_...}; an empty prefix gives none. Flattening is not recursive: a nested
 * Map, Collection or array becomes one event whose value is its JSON text. One epoch is shared by all events of a
 * message.
 */
public final class InitialStateEvents {

    /** The longest value Initial State stores. */
    public static final int MAX_VALUE_LENGTH = 2000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private InitialStateEvents() {
    }

    /**
     * What a message brings besides its body.
     *
     * @param key          the key of a scalar body (header, else option), or null
     * @param keyPrefix    the prefix for flattened bodies (null: the type's default; empty: none)
     * @param epoch        the message's epoch (header), or null for now
     * @param maxKeyLength the longest key accepted
     */
    public record Context(String key, String keyPrefix, Instant epoch, int maxKeyLength) {
    }

    /** The events of a message body, checked. */
    public static List<InitialStateEvent> of(Object body, Context context) {
        Instant epoch = context.epoch() != null ? context.epoch() : Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<InitialStateEvent> out = new ArrayList<>();
        if (body == null) {
            throw new InitialStateValidationException("body", null, "no events: send a value, an InitialStateEvent, "
                    + "a collection of them, a Map, a List or an object");
        } else if (isScalar(body)) {
            out.add(scalar(context.key(), body, epoch, context.maxKeyLength()));
        } else if (body instanceof InitialStateEvent e) {
            out.add(checked(e, epoch, context.maxKeyLength()));
        } else if (body instanceof Collection<?> c && !c.isEmpty()
                && c.stream().allMatch(InitialStateEvent.class::isInstance)) {
            for (Object e : c) {
                out.add(checked((InitialStateEvent) e, epoch, context.maxKeyLength()));
            }
        } else if (body instanceof Map<?, ?> map) {
            String prefix = prefix(context.keyPrefix(), "dict");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.add(checked(prefix + e.getKey(), nested(e.getValue()), epoch, context.maxKeyLength()));
            }
        } else if (body instanceof Collection<?> c) {
            String prefix = prefix(context.keyPrefix(), "list");
            int i = 0;
            for (Object v : c) {
                out.add(checked(prefix + i++, nested(v), epoch, context.maxKeyLength()));
            }
        } else if (body.getClass().isArray()) {
            String prefix = prefix(context.keyPrefix(), "list");
            for (int i = 0; i < Array.getLength(body); i++) {
                out.add(checked(prefix + i, nested(Array.get(body, i)), epoch, context.maxKeyLength()));
            }
        } else {
            String prefix = prefix(context.keyPrefix(), body.getClass().getSimpleName());
            List<Map.Entry<String, Object>> properties = properties(body);
            if (properties.isEmpty()) {
                throw new InitialStateValidationException("body", body, "an object without readable properties: nothing "
                        + "to send; send a value, a Map, a List or an "
                        + "object with getters");
            }
            for (Map.Entry<String, Object> p : properties) {
                out.add(checked(prefix + p.getKey(), nested(p.getValue()), epoch, context.maxKeyLength()));
            }
        }
        return out;
    }

    /**
     * The one event of a scalar body (String, Number, Boolean, Character), checked: what {@link #of} gives for it,
     * without the list.
     *
     * @param key   the message's key (header, else option)
     * @param epoch the message's epoch, or null for now
     */
    public static InitialStateEvent scalar(String key, Object value, Instant epoch, int maxKeyLength) {
        if (key == null || key.isEmpty()) {
            throw new InitialStateValidationException("key", null, "a single value needs a key: set the "
                    + InitialStateConstants.KEY
                    + " header or the key option");
        }
        return checked(key, value, epoch != null ? epoch : Instant.now().truncatedTo(ChronoUnit.MICROS), maxKeyLength);
    }

    /** Whether {@link #of} sends {@code o} as one event with the message's key. */
    public static boolean isScalar(Object o) {
        return o instanceof CharSequence || o instanceof Number || o instanceof Boolean || o instanceof Character;
    }

    private static String prefix(String configured, String typeName) {
        if (configured == null) {
            return typeName + "_";
        }
        return configured.isEmpty() ? "" : configured + "_";
    }

    /** A nested Map, Collection or array is sent as its JSON text (flattening is not recursive). */
    private static Object nested(Object value) {
        if (value instanceof Map || value instanceof Collection || value != null && value.getClass().isArray()) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value; // checked() names it
            }
        }
        return value;
    }

    /** Bean properties (getters) or record components, sorted by name. */
    private static List<Map.Entry<String, Object>> properties(Object bean) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        try {
            if (bean.getClass().isRecord()) {
                for (RecordComponent c : bean.getClass().getRecordComponents()) {
                    out.add(new AbstractMap.SimpleImmutableEntry<>(c.getName(), c.getAccessor().invoke(bean)));
                }
            } else if (bean.getClass() != Object.class) {
                BeanInfo info = Introspector.getBeanInfo(bean.getClass(), Object.class);
                for (PropertyDescriptor p : info.getPropertyDescriptors()) {
                    if (p.getReadMethod() != null) {
                        out.add(new AbstractMap.SimpleImmutableEntry<>(p.getName(), p.getReadMethod().invoke(bean)));
                    }
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new InitialStateValidationException("body", bean, "cannot read its properties: " + e);
        }
        out.sort(Comparator.comparing(Map.Entry::getKey));
        return out;
    }

    private static InitialStateEvent checked(InitialStateEvent e, Instant defaultEpoch, int maxKeyLength) {
        return checked(e.key(), e.value(), e.epoch() != null ? e.epoch() : defaultEpoch, maxKeyLength);
    }

    /** A checked event; the value normalised to String, Boolean or Number. */
    static InitialStateEvent checked(String key, Object value, Instant epoch, int maxKeyLength) {
        if (key == null || key.isEmpty()) {
            throw new InitialStateValidationException("key", key, "an event needs a non-empty key");
        }
        if (key.length() > maxKeyLength) {
            throw new InitialStateValidationException("key", key, "is " + key.length() + " characters long; the most is "
                    + maxKeyLength + " (maxKeyLength)");
        }
        Object v = value;
        if (v == null) {
            throw new InitialStateValidationException(field(key), null, "Initial State needs a value: a string, a number or a "
                    + "boolean");
        }
        if (v instanceof Character c) {
            v = String.valueOf(c);
        }
        if (v instanceof CharSequence text) {
            String s = text.toString();
            if (s.length() > MAX_VALUE_LENGTH) {
                throw new InitialStateValidationException(field(key), s, "is " + s.length() + " characters long; Initial State "
                        + "stores at most " + MAX_VALUE_LENGTH);
            }
            v = s;
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InitialStateValidationException(field(key), n, "Initial State accepts finite numbers only");
            }
        } else if (!(v instanceof Boolean)) {
            throw new InitialStateValidationException(field(key), v, "unsupported value type " + v.getClass().getName()
                    + "; send a string, a number or a boolean");
        }
        return new InitialStateEvent(key, v, epoch);
    }

    /** The field an error about a value names (built only when there is one). */
    private static String field(String key) {
        return "value of key '" + (key.length() > 60 ? key.substring(0, 60) + "..." : key) + "'";
    }

    /**
     * The epoch of a message: epoch seconds as a Number or numeric String (fractions kept to the microsecond), or an
     * Instant, OffsetDateTime, ZonedDateTime, Date, Calendar or ISO-8601 text (local text is UTC).
     *
     * @return null for null
     */
    public static Instant epoch(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal seconds = null;
        if (value instanceof Number n) {
            try {
                seconds = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                throw new InitialStateValidationException("epoch", value, "not a finite number of seconds");
            }
        } else if (value instanceof CharSequence text
                && text.toString().trim().matches("[+-]?\\d+(\\.\\d*)?([eE][+-]?\\d+)?")) {
            seconds = new BigDecimal(text.toString().trim());
        }
        if (seconds != null) {
            BigDecimal micros = seconds.setScale(6, RoundingMode.HALF_UP);
            try {
                long whole = micros.setScale(0, RoundingMode.FLOOR).longValueExact();
                long micro = micros.subtract(BigDecimal.valueOf(whole)).movePointRight(6).longValueExact();
                return Instant.ofEpochSecond(whole, micro * 1000);
            } catch (ArithmeticException | DateTimeException e) {
                throw new InitialStateValidationException("epoch", value, "out of range for a point in time");
            }
        }
        return TelemetryTimes.toInstant("epoch", value, ZoneOffset.UTC, InitialStateValidationException::new)
                .truncatedTo(ChronoUnit.MICROS);
    }

    /** An epoch as Initial State reads it: seconds with up to six decimals, e.g. {@code 1419876021.778477}. */
    public static BigDecimal toSeconds(Instant epoch) {
        return BigDecimal.valueOf(epoch.getEpochSecond()).add(BigDecimal.valueOf(epoch.getNano() / 1000, 6))
                .stripTrailingZeros();
    }
}
