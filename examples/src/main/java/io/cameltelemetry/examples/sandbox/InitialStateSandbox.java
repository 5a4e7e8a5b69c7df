package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for the Initial State streaming API on 127.0.0.1:
 * <ul>
 * <li>{@code POST /api/buckets} {@code {bucketKey, bucketName}}: 201 created, 204 exists, 400 {@code BUCKET_REMOVED}
 * for a key in {@link #removeBucket removed buckets};</li>
 * <li>{@code POST /api/events} with {@code X-IS-BucketKey}: a JSON array (or one object) of {@code {key, value,
 * epoch|iso8601}}; 204; bodies over 1,000,000 bytes 413; a value that is not a string, number or boolean, a missing
 * key, a key over 250 or a string over 2000 characters 400;</li>
 * <li>{@code X-IS-AccessKey} checked on every request (401);</li>
 * <li>a per-key rate limit in 10-second windows with {@code X-RateLimit-Limit/-Remaining/-Reset} on every answer and
 * 429 + {@code Retry-After} beyond it ({@link #setRateLimit}, 0 = off);</li>
 * <li>402 once the account's {@link #setEventCap event cap} is reached; an {@link #outage(long) outage} (503);</li>
 * <li>{@link #report()}: the last value and count per key of every bucket.</li>
 * </ul>
 */
public final class InitialStateSandbox implements AutoCloseable {

    public static final String DEFAULT_ACCESS_KEY = "ist_sandbox-access-key";

    private static final Logger LOG = LoggerFactory.getLogger(InitialStateSandbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a bucket holds for one key. */
    public record Stream(Object lastValue, double lastEpoch, long count) {
    }

    private final String accessKey;
    private final Map<String, String> bucketNames = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Stream>> buckets = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile int rateLimit;
    private volatile long eventCap = Long.MAX_VALUE;
    private volatile long outageUntil;
    private long windowStart;
    private int windowCount;
    private LoopbackServer server;

    public InitialStateSandbox() {
        this(DEFAULT_ACCESS_KEY);
    }

    public InitialStateSandbox(String accessKey) {
        this.accessKey = accessKey;
    }

    public InitialStateSandbox start(int port) throws IOException {
        server = LoopbackServer.start(port, "initialstate-sandbox", this::handle);
        LOG.info("Initial State sandbox listening on {}", baseUrl());
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Requests per 10-second window before 429 (0, the default: no limit). */
    public void setRateLimit(int requestsPerTenSeconds) {
        this.rateLimit = requestsPerTenSeconds;
    }

    /** Events accepted before 402 (default: no cap). */
    public void setEventCap(long eventCap) {
        this.eventCap = eventCap;
    }

    /** Answers 503 for the next {@code millis}. */
    public void outage(long millis) {
        this.outageUntil = System.currentTimeMillis() + millis;
    }

    /** Marks a bucket key as belonging to a deleted bucket (creating it again gives 400 BUCKET_REMOVED). */
    public void removeBucket(String bucketKey) {
        removed.add(bucketKey);
        buckets.remove(bucketKey);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                LoopbackServer.json(exchange, 405, "{\"message\":\"use POST\"}");
                return;
            }
            if (!accessKey.equals(exchange.getRequestHeaders().getFirst("X-IS-AccessKey"))) {
                LoopbackServer.json(exchange, 401, "{\"message\":\"unauthorized\"}");
                return;
            }
            if (System.currentTimeMillis() < outageUntil) {
                LoopbackServer.json(exchange, 503, "{\"message\":\"service unavailable\"}");
                return;
            }
            if (!admit(exchange)) {
                return;
            }
            byte[] body = LoopbackServer.readBody(exchange);
            if (body == null || body.length > 1_000_000) {
                LoopbackServer.json(exchange, 413, "{\"message\":\"request entity too large\"}");
                return;
            }
            switch (path) {
                case "/api/buckets" -> bucket(exchange, body);
                case "/api/events" -> events(exchange, body);
                default -> LoopbackServer.json(exchange, 404, "{\"message\":\"no such resource\"}");
            }
        }
    }

    /** The per-key rate limit; answers 429 itself when the window is used up. */
    private boolean admit(HttpExchange exchange) throws IOException {
        int limit = rateLimit;
        if (limit <= 0) {
            return true;
        }
        long now = System.currentTimeMillis();
        int remaining;
        long reset;
        synchronized (this) {
            if (now - windowStart >= 10_000) {
                windowStart = now;
                windowCount = 0;
            }
            windowCount++;
            remaining = Math.max(0, limit - windowCount);
            reset = (windowStart + 10_000) / 1000 + 1;
            if (windowCount > limit) {
                rateLimited.incrementAndGet();
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(Math.max(1, reset - now / 1000)));
                rateHeaders(exchange, limit, 0, reset);
                LoopbackServer.json(exchange, 429, "{\"message\":\"rate limit exceeded\"}");
                return false;
            }
        }
        rateHeaders(exchange, limit, remaining, reset);
        return true;
    }

    private static void rateHeaders(HttpExchange exchange, int limit, int remaining, long reset) {
        exchange.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(limit));
        exchange.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(remaining));
        exchange.getResponseHeaders().set("X-RateLimit-Reset", String.valueOf(reset));
    }

    private void bucket(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            LoopbackServer.json(exchange, 400, "{\"message\":\"malformed JSON\"}");
            return;
        }
        String key = json == null ? null : json.path("bucketKey").asText(null);
        if (key == null || key.isEmpty() || key.length() > 250 || key.matches(".*[:\"'].*")) {
            LoopbackServer.json(exchange, 400, "{\"message\":{\"error\":{\"type\":\"INVALID_BUCKET_KEY\","
                    + "\"message\":\"bad bucketKey\"}}}");
            return;
        }
        if (removed.contains(key)) {
            LoopbackServer.json(exchange, 400, "{\"message\":{\"error\":{\"type\":\"BUCKET_REMOVED\","
                    + "\"message\":\"this bucket was deleted\"}}}");
            return;
        }
        boolean created = bucketNames.putIfAbsent(key, json.path("bucketName").asText(key)) == null;
        buckets.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        exchange.sendResponseHeaders(created ? 201 : 204, -1);
    }

    private void events(HttpExchange exchange, byte[] body) throws IOException {
        String bucket = exchange.getRequestHeaders().getFirst("X-IS-BucketKey");
        if (bucket == null || bucket.isEmpty() || removed.contains(bucket)) {
            LoopbackServer.json(exchange, 400, "{\"message\":{\"error\":{\"type\":\"" + (bucket == null
                    ? "NO_BUCKET_KEY"
                    : "BUCKET_REMOVED") + "\",\"message\":\"no such bucket\"}}}");
            return;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            LoopbackServer.json(exchange, 400, "{\"message\":\"malformed JSON\"}");
            return;
        }
        List<JsonNode> list = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(list::add);
        } else if (json != null && json.isObject()) {
            list.add(json);
        }
        if (list.isEmpty()) {
            LoopbackServer.json(exchange, 400, "{\"message\":\"no events\"}");
            return;
        }
        for (JsonNode e : list) {
            JsonNode v = e.path("value");
            String key = e.path("key").asText("");
            if (key.isEmpty() || key.length() > 250 || !(v.isTextual() || v.isNumber() || v.isBoolean())
                    || v.isTextual() && v.asText().length() > 2000 || e.has("epoch") && !e.get("epoch").isNumber()) {
                LoopbackServer.json(exchange, 400, "{\"message\":\"invalid event\"}");
                return;
            }
        }
        if (events.get() + list.size() > eventCap) {
            LoopbackServer.json(exchange, 402, "{\"message\":\"Event limit exceeded for current cycle. Please upgrade.\"}");
            return;
        }
        Map<String, Stream> streams = buckets.computeIfAbsent(bucket, k -> new ConcurrentHashMap<>());
        for (JsonNode e : list) {
            JsonNode v = e.get("value");
            Object value = v.isBoolean() ? (Object) v.asBoolean() : v.isNumber() ? (Object) v.numberValue() : v.asText();
            double epoch = e.path("epoch").asDouble(System.currentTimeMillis() / 1000.0);
            streams.merge(e.get("key").asText(), new Stream(value, epoch, 1),
                    (old, now) -> new Stream(now.lastEpoch() >= old.lastEpoch() ? now.lastValue() : old.lastValue(),
                            Math.max(now.lastEpoch(), old.lastEpoch()), old.count() + 1));
        }
        events.addAndGet(list.size());
        exchange.sendResponseHeaders(204, -1);
    }

    /** What a bucket holds: key to last value and count. */
    public Map<String, Stream> bucket(String bucketKey) {
        return Map.copyOf(buckets.getOrDefault(bucketKey, Map.of()));
    }

    /** Events accepted, resends included. */
    public long eventCount() {
        return events.get();
    }

    public long requestCount() {
        return requests.get();
    }

    /** Requests answered 429. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** A human-readable summary: per bucket, the last value and count of every key. */
    public String report() {
        StringBuilder out = new StringBuilder("Initial State sandbox: ").append(requests.get()).append(" requests, ")
                .append(events.get()).append(" events accepted, ").append(rateLimited.get()).append(" rate limited\n");
        new TreeMap<>(buckets).forEach((bucket, streams) -> {
            out.append("  bucket ").append(bucket).append(" (").append(bucketNames.getOrDefault(bucket, bucket))
                    .append(")\n");
            new TreeMap<>(streams).forEach((key, s) -> out.append(String.format(Locale.ROOT,
                    "    %-34s last %-12s %5d events%n", key, s.lastValue(), s.count())));
        });
        return out.toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
