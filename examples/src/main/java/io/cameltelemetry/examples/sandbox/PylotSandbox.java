package io.cameltelemetry.examples.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for the PYLOT input API on 127.0.0.1, strict where the real server is assumed to be:
 * <ul>
 * <li>{@code POST /api/measurements} only; HTTP Basic auth checked on every request (401 otherwise);</li>
 * <li>the body must be a JSON array of at most 450 rows {@code {adapter, timestamp, node, data}} with a
 * {@code yyyy-MM-dd'T'HH:mm:ss} timestamp, non-blank strings and a non-empty {@code data} object of finite numbers;
 * anything else is a 400 with {@code {"error": "...", "row": n}} and nothing of that request is stored;</li>
 * <li>values are stored with overwrite semantics keyed by (adapter, node, timestamp, metric);</li>
 * <li>{@code GET /sandbox/values} returns what it holds; {@link #report()} summarises it.</li>
 * </ul>
 * With {@link #setStoreValues(boolean) storeValues=false} it validates and counts but keeps nothing (benchmarks).
 */
public final class PylotSandbox implements AutoCloseable {

    public static final String DEFAULT_USERNAME = "sandbox";
    public static final String DEFAULT_PASSWORD = "sandbox-password";
    public static final int MAX_ROWS = 450;

    private static final Logger LOG = LoggerFactory.getLogger(PylotSandbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> ROW_FIELDS = Set.of("adapter", "timestamp", "node", "data");

    /** Identity of a stored value. */
    public record Key(String adapter, String node, String timestamp, String metric) {
    }

    private final String expectedAuthorization;
    private final Map<Key, Double> values = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acceptedRequests = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong measurements = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean storeValues = true;
    private volatile int maxRows = MAX_ROWS;
    private LoopbackServer server;

    public PylotSandbox() {
        this(DEFAULT_USERNAME, DEFAULT_PASSWORD);
    }

    public PylotSandbox(String username, String password) {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Starts on 127.0.0.1 and the given port (0 = any free port). */
    public PylotSandbox start(int port) throws IOException {
        server = LoopbackServer.start(port, "pylot-sandbox", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/sandbox/values")) {
                handleValues(exchange);
            } else {
                handleMeasurements(exchange);
            }
        });
        LOG.info("PYLOT sandbox listening on {}", baseUrl());
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void setStoreValues(boolean storeValues) {
        this.storeValues = storeValues;
    }

    /** The most rows one request may carry (PYLOT's 450 by default; benchmarks raise it). */
    public void setMaxRows(int maxRows) {
        this.maxRows = maxRows;
    }

    private void handleMeasurements(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod())) {
                reject(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed; use POST", -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/api/measurements")) {
                reject(exchange, 404, "no such resource", -1);
                return;
            }
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"PYLOT\"");
                reject(exchange, 401, "bad or missing credentials", -1);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
                reject(exchange, 415, "Content-Type must be application/json", -1);
                return;
            }
            byte[] body = LoopbackServer.readBody(exchange);
            if (body == null) {
                reject(exchange, 413, "request body larger than " + LoopbackServer.MAX_REQUEST_BODY + " bytes", -1);
                return;
            }
            List<Parsed> parsed = new ArrayList<>();
            try (InputStream in = new ByteArrayInputStream(body)) {
                parse(in, parsed, maxRows);
            } catch (Invalid e) {
                reject(exchange, 400, e.getMessage(), e.row);
                return;
            } catch (JsonProcessingException e) {
                reject(exchange, 400, "malformed JSON: " + e.getOriginalMessage(), -1);
                return;
            }
            long count = 0;
            for (Parsed row : parsed) {
                for (Map.Entry<String, Double> m : row.data.entrySet()) {
                    if (storeValues) {
                        values.put(new Key(row.adapter, row.node, row.timestamp, m.getKey()), m.getValue());
                    }
                    count++;
                }
            }
            acceptedRequests.incrementAndGet();
            rows.addAndGet(parsed.size());
            measurements.addAndGet(count);
            respond(exchange, 200, "{\"rows\":" + parsed.size() + ",\"measurements\":" + count + "}");
        }
    }

    private record Parsed(String adapter, String timestamp, String node, Map<String, Double> data) {
    }

    private static final class Invalid extends RuntimeException {
        final int row;

        Invalid(int row, String message) {
            super(message, null, false, false);
            this.row = row;
        }
    }

    /** Streams the body row by row into {@code out}; throws {@link Invalid} naming the row. */
    private static void parse(InputStream in, List<Parsed> out, int maxRows) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new Invalid(-1, "the body must be a JSON array of rows");
            }
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (index >= maxRows) {
                    throw new Invalid(index, "too many rows: at most " + maxRows + " per request");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new Invalid(index, "a row must be a JSON object");
                }
                out.add(parseRow(p, index));
                index++;
            }
            if (p.nextToken() != null) {
                throw new Invalid(-1, "trailing content after the array");
            }
        }
    }

    private static Parsed parseRow(JsonParser p, int index) throws IOException {
        String adapter = null;
        String timestamp = null;
        String node = null;
        Map<String, Double> data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!ROW_FIELDS.contains(field)) {
                throw new Invalid(index, "unknown field '" + field + "'");
            }
            if (field.equals("data")) {
                if (value != JsonToken.START_OBJECT) {
                    throw new Invalid(index, "data must be an object of metric id to number");
                }
                data = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String metric = p.currentName();
                    JsonToken v = p.nextToken();
                    if (!v.isNumeric()) {
                        throw new Invalid(index, "data." + metric + " must be a number");
                    }
                    double d = p.getDoubleValue();
                    if (!Double.isFinite(d) || metric.isBlank()) {
                        throw new Invalid(index, "data." + metric + " must be a finite number with a metric id");
                    }
                    data.put(metric, d);
                }
                continue;
            }
            if (value != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                throw new Invalid(index, field + " must be a non-blank string");
            }
            switch (field) {
                case "adapter" -> adapter = p.getText();
                case "node" -> node = p.getText();
                default -> timestamp = p.getText();
            }
        }
        if (adapter == null || node == null || timestamp == null || data == null) {
            throw new Invalid(index, "a row needs adapter, timestamp, node and data");
        }
        if (data.isEmpty()) {
            throw new Invalid(index, "data must not be empty");
        }
        try {
            LocalDateTime.parse(timestamp, TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw new Invalid(index, "timestamp '" + timestamp + "' is not yyyy-MM-ddTHH:mm:ss local time");
        }
        return new Parsed(adapter, timestamp, node, data);
    }

    private void handleValues(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"use GET\"}");
                return;
            }
            ArrayNode array = MAPPER.createArrayNode();
            values.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(Key::adapter).thenComparing(Key::node)
                            .thenComparing(Key::timestamp).thenComparing(Key::metric)))
                    .forEach(e -> array.addObject().put("adapter", e.getKey().adapter()).put("node", e.getKey().node())
                            .put("timestamp", e.getKey().timestamp()).put("metric", e.getKey().metric())
                            .put("value", e.getValue()));
            respond(exchange, 200, MAPPER.writeValueAsString(array));
        }
    }

    private void reject(HttpExchange exchange, int status, String message, int row) throws IOException {
        rejected.incrementAndGet();
        ObjectNode error = MAPPER.createObjectNode().put("error", message);
        if (row >= 0) {
            error.put("row", row);
        }
        respond(exchange, status, MAPPER.writeValueAsString(error));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        LoopbackServer.json(exchange, status, json);
    }

    /** The stored value, or null. */
    public Double value(String adapter, String node, String timestamp, String metric) {
        return values.get(new Key(adapter, node, timestamp, metric));
    }

    /** A snapshot of every stored value. */
    public Map<Key, Double> values() {
        return Map.copyOf(values);
    }

    public long requestCount() {
        return requests.get();
    }

    public long acceptedRequestCount() {
        return acceptedRequests.get();
    }

    public long rejectedRequestCount() {
        return rejected.get();
    }

    /** Rows accepted, counting resends. */
    public long rowCount() {
        return rows.get();
    }

    /** Measurements accepted, counting resends. */
    public long measurementCount() {
        return measurements.get();
    }

    /** A human-readable summary of what the sandbox received and holds. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("PYLOT sandbox: ").append(acceptedRequests.get()).append(" requests accepted, ")
                .append(rejected.get()).append(" rejected; ").append(rows.get()).append(" rows, ")
                .append(measurements.get()).append(" measurements received; ").append(values.size())
                .append(" distinct values held\n");
        Map<String, Map<String, List<Double>>> byNode = new TreeMap<>();
        Map<String, String> lastTimestamp = new TreeMap<>();
        for (Map.Entry<Key, Double> e : values.entrySet()) {
            String node = e.getKey().adapter() + " / " + e.getKey().node();
            byNode.computeIfAbsent(node, n -> new TreeMap<>()).computeIfAbsent(e.getKey().metric(), m -> new ArrayList<>())
                    .add(e.getValue());
            lastTimestamp.merge(node, e.getKey().timestamp(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        byNode.forEach((node, metrics) -> {
            out.append("  ").append(node).append(" (last ").append(lastTimestamp.get(node)).append(")\n");
            metrics.forEach((metric, v) -> {
                double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                out.append(String.format(Locale.ROOT, "    %-18s %5d values  min %10.2f  max %10.2f%n",
                        metric, v.size(), min, max));
            });
        });
        return out.toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
