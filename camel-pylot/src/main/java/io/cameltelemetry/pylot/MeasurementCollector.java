package io.cameltelemetry.pylot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.cameltelemetry.pylot.model.Measurement;
import io.cameltelemetry.pylot.model.MeasurementsRow;

/**
 * Reads any body the component accepts into validated, fully resolved measurements. Shared by the producer and
 * {@link PylotAggregationStrategy}, so both accept exactly the same bodies and reject exactly the same bad input.
 * <p>
 * Accepted bodies: a {@link Number} (or a numeric string), a {@code Map} of metric id to value (one row),
 * {@link Measurement}, {@link MeasurementsRow}, {@link PylotBatch}, and any {@link Iterable} or array of these, nested
 * at will. Missing node, metric and timestamp come from the {@link Defaults} (headers, else options; a missing
 * timestamp means "now").
 */
public final class MeasurementCollector {

    private MeasurementCollector() {
    }

    /** Receives resolved, validated measurements. */
    @FunctionalInterface
    public interface Sink {
        void accept(String node, LocalDateTime timestamp, String metric, Number value);

        /** The first {@code n} metrics of one row, all valid. */
        default void acceptRow(String node, LocalDateTime timestamp, String[] metrics, Number[] values, int n) {
            for (int i = 0; i < n; i++) {
                accept(node, timestamp, metrics[i], values[i]);
            }
        }
    }

    /** A sink that adds to {@code batch}, a row at a time where it can. */
    public static Sink into(PylotBatch batch) {
        return new Sink() {
            @Override
            public void accept(String node, LocalDateTime timestamp, String metric, Number value) {
                batch.put(node, timestamp, metric, value);
            }

            @Override
            public void acceptRow(String node, LocalDateTime timestamp, String[] metrics, Number[] values, int n) {
                batch.putRow(node, timestamp, metrics, values, n);
            }
        };
    }

    /**
     * What a message does not say itself: node, metric and timestamp from headers or options.
     *
     * @param node      default node (String or number), or null
     * @param metric    default metric id (String or number), or null
     * @param timestamp default timestamp of any supported type, or null for "now"
     * @param zone      the greenhouse time zone
     * @param clock     the clock "now" is read from
     */
    public record Defaults(Object node, Object metric, Object timestamp, ZoneId zone, Clock clock) {
    }

    /**
     * Reads {@code body} into a new batch, every entry complete (node and metric from {@code defaults} where the body
     * has none); on bad input throws and no batch is returned.
     */
    public static PylotBatch toBatch(Object body, Defaults defaults) {
        PylotBatch batch = new PylotBatch();
        new Reader(defaults, into(batch), false).read(body);
        return batch;
    }

    /**
     * Reads {@code body}, resolving missing fields from {@code defaults}, and hands each measurement to {@code sink}.
     *
     * @param deferMissing when true, a node or metric that neither the body nor {@code defaults} give is passed on as
     *                     null (for the producer to fill) instead of failing
     * @throws PylotValidationException on the first bad value; the sink may have received earlier measurements of a
     *                                  collection, but see {@link #isAtomic(Object)}
     */
    public static void collect(Object body, Defaults defaults, boolean deferMissing, Sink sink) {
        new Reader(defaults, sink, deferMissing).read(body);
    }

    /**
     * Whether {@code body} is one measurement or one row, which reach the sink only once all of it is valid (for
     * collections, a bad item may come after good ones have reached the sink).
     */
    public static boolean isAtomic(Object body) {
        return body instanceof Number || body instanceof CharSequence || body instanceof Measurement
                || body instanceof Map || body instanceof MeasurementsRow;
    }

    /** A number PYLOT can hold: within the range of a double (PYLOT stores doubles; 1E+400 is refused). */
    private static Number inDoubleRange(Number n, Object original) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new PylotValidationException("value", original, "beyond the range of a double (about 1.8E+308), "
                    + "which PYLOT cannot hold");
        }
        return n;
    }

    /** Validates a value: a finite number within the range of a double, or a string holding one. */
    public static Number value(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new PylotValidationException("value", value, "PYLOT accepts finite numbers only");
            }
            return d;
        }
        if (value instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                throw new PylotValidationException("value", value, "PYLOT accepts finite numbers only");
            }
            return f;
        }
        if (value instanceof Number n) {
            return inDoubleRange(n, value);
        }
        if (value instanceof CharSequence text) {
            BigDecimal parsed;
            try {
                parsed = new BigDecimal(text.toString().trim());
            } catch (NumberFormatException e) {
                throw new PylotValidationException("value", value, "not a number");
            }
            return inDoubleRange(parsed, value);
        }
        if (value == null) {
            throw new PylotValidationException("value", null, "a measurement needs a numeric value");
        }
        throw new PylotValidationException("value", value, "not a number");
    }

    /** A metric id as PYLOT expects it: a non-blank string; a number becomes its decimal string. */
    public static String metric(Object metric) {
        if (metric instanceof CharSequence text) {
            String id = text.toString();
            if (id.isBlank()) {
                throw new PylotValidationException("metric", metric, "a metric id must not be blank");
            }
            return id;
        }
        if (metric instanceof Integer || metric instanceof Long || metric instanceof Short || metric instanceof Byte
                || metric instanceof BigInteger) {
            return metric.toString();
        }
        if (metric instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                throw new PylotValidationException("metric", metric, "not a finite number");
            }
        }
        if (metric == null) {
            throw new PylotValidationException("metric", null,
                    "no metric id: set it in the body, the CamelPylotMetric header or the metric option");
        }
        throw new PylotValidationException("metric", metric, "a metric id must be a String or a number");
    }

    /** A node name: a non-blank string (a number becomes its string). */
    public static String node(Object node) {
        if (node instanceof CharSequence || node instanceof Number) {
            String name = node.toString();
            if (name.isBlank()) {
                throw new PylotValidationException("node", node, "a node name must not be blank");
            }
            return name;
        }
        if (node == null) {
            throw new PylotValidationException("node", null,
                    "no node: set it in the body, the CamelPylotNode header or the node option");
        }
        throw new PylotValidationException("node", node, "a node name must be a String");
    }

    private static final class Reader {
        private final Defaults defaults;
        private final Sink sink;
        private final boolean deferMissing;
        private String defaultNode;
        private String defaultMetric;
        private LocalDateTime defaultTimestamp;

        Reader(Defaults defaults, Sink sink, boolean deferMissing) {
            this.defaults = defaults;
            this.sink = sink;
            this.deferMissing = deferMissing;
        }

        void read(Object body) {
            if (body instanceof Number || body instanceof CharSequence) {
                put(null, null, null, body);
            } else if (body instanceof Measurement m) {
                put(m.node(), m.timestamp(), m.metric(), m.value());
            } else if (body instanceof MeasurementsRow row) {
                readRow(row.node(), row.timestamp(), row.data());
            } else if (body instanceof PylotBatch batch) {
                try {
                    batch.forEachRow((node, ts, data) -> data.forEach((m, v) -> put(node, ts, m, v)));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            } else if (body instanceof Map<?, ?> map) {
                readRow(null, null, map);
            } else if (body instanceof Iterable<?> items) {
                for (Object item : items) {
                    read(item);
                }
            } else if (body instanceof Object[] items) {
                for (Object item : items) {
                    read(item);
                }
            } else if (body == null) {
                throw new PylotValidationException("body", null,
                        "no measurements: send a Number, a Map of metric id to value, a Measurement, a MeasurementsRow"
                                + " or a collection of these");
            } else {
                throw new PylotValidationException("body", body,
                        "unsupported body type; send a Number, a Map of metric id to value, a Measurement, a "
                                + "MeasurementsRow or a collection of these");
            }
        }

        /** A row reaches the sink only when every entry is valid. */
        private void readRow(String node, LocalDateTime timestamp, Map<?, ?> data) {
            int n = data.size();
            String[] metrics = new String[n];
            Number[] values = new Number[n];
            int i = 0;
            for (Map.Entry<?, ?> e : data.entrySet()) {
                if (e.getKey() == null) {
                    throw new PylotValidationException("metric", null, "a Map of measurements has a null metric id");
                }
                metrics[i] = metric(e.getKey());
                try {
                    values[i] = value(e.getValue());
                } catch (PylotValidationException error) {
                    throw error.withContext("metric '" + metrics[i] + "'");
                }
                i++;
            }
            String resolvedNode = node != null ? node(node) : defaultNode();
            LocalDateTime ts = timestamp != null ? PylotTimestamps.checked(timestamp, timestamp) : defaultTimestamp();
            sink.acceptRow(resolvedNode, ts, metrics, values, i);
        }

        private void put(String node, LocalDateTime timestamp, Object metric, Object value) {
            String resolvedMetric = metric != null ? metric(metric) : defaultMetric();
            Number number;
            String resolvedNode;
            try {
                number = value(value);
                resolvedNode = node != null ? node(node) : defaultNode();
            } catch (PylotValidationException e) {
                throw e.withContext("metric '" + resolvedMetric + "'");
            }
            LocalDateTime ts = timestamp != null ? PylotTimestamps.checked(timestamp, timestamp) : defaultTimestamp();
            sink.accept(resolvedNode, ts, resolvedMetric, number);
        }

        private String defaultNode() {
            if (defaultNode == null && !(deferMissing && defaults.node() == null)) {
                defaultNode = node(defaults.node());
            }
            return defaultNode;
        }

        private String defaultMetric() {
            if (defaultMetric == null && !(deferMissing && defaults.metric() == null)) {
                defaultMetric = metric(defaults.metric());
            }
            return defaultMetric;
        }

        private LocalDateTime defaultTimestamp() {
            if (defaultTimestamp == null) {
                Object ts = defaults.timestamp();
                defaultTimestamp = ts != null
                        ? PylotTimestamps.toLocal(ts, defaults.zone())
                        : LocalDateTime.now(defaults.clock().withZone(defaults.zone())).truncatedTo(ChronoUnit.SECONDS);
            }
            return defaultTimestamp;
        }
    }
}
