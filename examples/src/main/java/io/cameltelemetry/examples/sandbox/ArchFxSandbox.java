package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.report.ArchFxReport;
import io.cameltelemetry.archfx.report.ArchFxReportDecoder;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import io.cameltelemetry.archfx.slug.ArchFxParentSlug;
import io.cameltelemetry.archfx.slug.ArchFxStreamSlug;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for ArchFX Cloud's API under {@code /api/v1/} on 127.0.0.1:
 * <ul>
 * <li>{@code auth/login/} (email and password; 400 when the request carries an Authorization header, 401 for bad
 * credentials) answering {@code jwt} and {@code jwt_refresh_token}; {@code auth/api-jwt-refresh/} (a refresh token:
 * {@code {access, refresh}}, rotated; a legacy {@code token}: {@code {token}}); {@code auth/logout/} (204);
 * {@code auth/user-info/}. Access tokens expire ({@link #setTokenLifetimeMillis}, {@link #expireTokens()}): 401;</li>
 * <li>a few resources with DRF pages ({@code count, next, previous, results}): {@code org/} (3 organisations, pages
 * of 2), {@code org/<slug>/}, {@code machine/}, {@code machine/<slug>/devices/};</li>
 * <li>{@code streamer/report/?timestamp=}: a multipart upload of a {@code v200} msgpack report (part {@code file},
 * {@code .mp}), decoded; per device and streamer it keeps {@code last_id} and ignores readings whose id is not above
 * it, answering 201 {@code {"count": <readings accepted>}}; 400 without timestamp or file, 404 for an unknown
 * device;</li>
 * <li>{@code data/?filter=<stream or device slug>&start=&end=&page_size=&page=}: what was uploaded, ordered by streamer
 * local id (not by time), in DRF pages;</li>
 * <li>{@link #report()}: per stream, the readings held and the last one.</li>
 * </ul>
 */
public final class ArchFxSandbox implements AutoCloseable {

    public static final String DEFAULT_EMAIL = "demo@archfx.example";
    public static final String DEFAULT_PASSWORD = "archfx-sandbox-password";
    /** The factory-floor device of the demo, on line pl--0000-0001 of machine m--0000-0000-0000-0abc. */
    public static final String DEMO_DEVICE = "d--0000-0000-0000-0abc";
    public static final String DEMO_LINE = "pl--0000-0001";

    private static final Logger LOG = LoggerFactory.getLogger(ArchFxSandbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API = "/api/v1/";

    /** One stored reading (its exact timestamp; the data list answers whole seconds). */
    public record Reading(long id, String stream, Instant timestamp, double value, long streamerLocalId) {
    }

    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshTokens = new ConcurrentHashMap<>();
    private final Map<ArchFxDeviceSlug, ArchFxParentSlug> devices = new LinkedHashMap<>();
    private final Map<String, Long> lastIds = new ConcurrentHashMap<>();
    private final List<Reading> readings = new ArrayList<>();
    private final List<Reading> ignored = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();
    private volatile long tokenLifetimeMillis = 10 * 60_000L;
    private volatile long reportAnswerDelayMillis;
    private LoopbackServer server;

    public ArchFxSandbox() {
        devices.put(ArchFxDeviceSlug.parse(DEMO_DEVICE), ArchFxParentSlug.parse(DEMO_LINE));
        devices.put(ArchFxDeviceSlug.parse("d--0000-0000-0000-0abd"), ArchFxParentSlug.parse(DEMO_LINE));
    }

    public ArchFxSandbox start(int port) throws IOException {
        server = LoopbackServer.start(port, "archfx-sandbox", this::handle);
        LOG.info("ArchFX sandbox listening on {}{}", domain(), API);
        return this;
    }

    /** The {@code domain} option. */
    public String domain() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * Answers each report upload this long after its readings were ingested (default 0): the window in which a
     * client killed mid-upload has delivered the report without knowing it (the cluster soak's test of that case).
     */
    public void setReportAnswerDelayMillis(long millis) {
        this.reportAnswerDelayMillis = millis;
    }

    public void setTokenLifetimeMillis(long millis) {
        this.tokenLifetimeMillis = millis;
    }

    /** Every access token issued so far expires now (refresh tokens stay valid). */
    public void expireTokens() {
        tokens.replaceAll((t, expiry) -> 0L);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = LoopbackServer.query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (!path.startsWith(API)) {
                LoopbackServer.detail(exchange, 404, "Not found.");
                return;
            }
            String resource = path.substring(API.length());
            switch (resource) {
                case "auth/login/" -> login(exchange);
                case "auth/api-jwt-refresh/" -> refresh(exchange);
                default -> {
                    String token = authorized(exchange);
                    if (token == null) {
                        return;
                    }
                    route(exchange, method, resource, query, token);
                }
            }
        }
    }

    private void route(HttpExchange exchange, String method, String resource, Map<String, String> query, String token)
            throws IOException {
        if (resource.equals("auth/logout/") && method.equals("POST")) {
            tokens.remove(token);
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        if (resource.equals("auth/user-info/")) {
            LoopbackServer.json(exchange, 200, "{\"email\": \"" + DEFAULT_EMAIL + "\", \"username\": \"demo\"}");
            return;
        }
        if (resource.equals("streamer/report/") && method.equals("POST")) {
            upload(exchange, query);
            return;
        }
        if (resource.equals("data/")) {
            data(exchange, query);
            return;
        }
        if (resource.equals("org/")) {
            List<Object> orgs = new ArrayList<>();
            for (String slug : List.of("acme", "globex", "initech")) {
                orgs.add(Map.of("slug", slug, "name", slug.substring(0, 1).toUpperCase() + slug.substring(1)));
            }
            page(exchange, "org/", orgs, query, 2);
            return;
        }
        if (resource.startsWith("org/") && resource.endsWith("/")) {
            String slug = URLDecoder.decode(resource.substring(4, resource.length() - 1), StandardCharsets.UTF_8);
            if (List.of("acme", "globex", "initech").contains(slug)) {
                LoopbackServer.json(exchange, 200, MAPPER.writeValueAsString(Map.of("slug", slug)));
            } else {
                LoopbackServer.detail(exchange, 404, "Not found.");
            }
            return;
        }
        if (resource.equals("machine/")) {
            page(exchange, "machine/", List.of(Map.of("slug", "m--0000-0000-0000-0abc", "name", "Press 1",
                    "line", DEMO_LINE)), query, 100);
            return;
        }
        if (resource.startsWith("machine/") && resource.endsWith("/devices/")) {
            String slug = resource.substring(8, resource.length() - "/devices/".length());
            if (!slug.equals("m--0000-0000-0000-0abc")) {
                LoopbackServer.detail(exchange, 404, "Not found.");
                return;
            }
            List<Object> list = new ArrayList<>();
            devices.forEach((d, line) -> list.add(Map.of("slug", d.toString(), "line", line.toString())));
            LoopbackServer.json(exchange, 200, MAPPER.writeValueAsString(list));
            return;
        }
        LoopbackServer.detail(exchange, 404, "Not found.");
    }

    private void page(HttpExchange exchange, String resource, List<?> all, Map<String, String> query, int defaultSize)
            throws IOException {
        page(exchange, resource, "", all, query, defaultSize);
    }

    /** A DRF page; {@code next}/{@code previous} repeat {@code keep} (other query parameters, each ending with &). */
    private void page(HttpExchange exchange, String resource, String keep, List<?> all, Map<String, String> query,
            int defaultSize) throws IOException {
        int size = Integer.parseInt(query.getOrDefault("page_size", Integer.toString(defaultSize)));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int from = (page - 1) * size;
        ObjectNode body = MAPPER.createObjectNode();
        body.put("count", all.size());
        String base = domain() + API + resource + "?" + keep + "page_size=" + size + "&page=";
        body.put("next", from + size < all.size() ? base + (page + 1) : null);
        body.put("previous", page > 1 ? base + (page - 1) : null);
        ArrayNode results = body.putArray("results");
        for (int i = from; i < Math.min(all.size(), from + size); i++) {
            results.add(MAPPER.valueToTree(all.get(i)));
        }
        LoopbackServer.json(exchange, 200, body.toString());
    }

    private void login(HttpExchange exchange) throws IOException {
        if (exchange.getRequestHeaders().getFirst("Authorization") != null) {
            LoopbackServer.detail(exchange, 400, "Already Logged-in");
            return;
        }
        JsonNode body = MAPPER.readTree(LoopbackServer.readBody(exchange));
        if (!DEFAULT_EMAIL.equals(body.path("email").asText()) || !DEFAULT_PASSWORD.equals(body.path("password")
                .asText())) {
            LoopbackServer.detail(exchange, 401, "Unable to log in with provided credentials.");
            return;
        }
        logins.incrementAndGet();
        String access = issue();
        String refresh = "refresh-" + UUID.randomUUID();
        refreshTokens.put(refresh, true);
        LoopbackServer.json(exchange, 200, MAPPER.writeValueAsString(Map.of("jwt", access, "jwt_refresh_token", refresh,
                "username", "demo")));
    }

    private void refresh(HttpExchange exchange) throws IOException {
        JsonNode body = MAPPER.readTree(LoopbackServer.readBody(exchange));
        if (body.has("refresh")) {
            if (refreshTokens.remove(body.get("refresh").asText()) == null) {
                LoopbackServer.detail(exchange, 401, "Token is invalid or expired");
                return;
            }
            String refresh = "refresh-" + UUID.randomUUID();
            refreshTokens.put(refresh, true);
            LoopbackServer.json(exchange, 200, MAPPER.writeValueAsString(Map.of("access", issue(), "refresh", refresh)));
        } else if (body.has("token") && tokens.containsKey(body.get("token").asText())) {
            tokens.remove(body.get("token").asText());
            LoopbackServer.json(exchange, 200, MAPPER.writeValueAsString(Map.of("token", issue())));
        } else {
            LoopbackServer.detail(exchange, 400, "Invalid refresh request");
        }
    }

    private String issue() {
        String token = "jwt-" + UUID.randomUUID();
        tokens.put(token, System.currentTimeMillis() + tokenLifetimeMillis);
        return token;
    }

    /** The valid token of the request, or null after answering 401. */
    private String authorized(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("jwt ") ? auth.substring(4) : null;
        Long expiry = token == null ? null : tokens.get(token);
        if (expiry == null) {
            LoopbackServer.detail(exchange, 401, "Authentication credentials were not provided.");
            return null;
        }
        if (expiry < System.currentTimeMillis()) {
            LoopbackServer.detail(exchange, 401, "Signature has expired.");
            return null;
        }
        return token;
    }

    private void upload(HttpExchange exchange, Map<String, String> query) throws IOException {
        byte[] body = LoopbackServer.readBody(exchange);
        if (body == null) {
            LoopbackServer.detail(exchange, 413, "Request entity too large.");
            return;
        }
        if (!query.containsKey("timestamp")) {
            LoopbackServer.json(exchange, 400, "{\"error\": \"missing timestamp argument\"}");
            return;
        }
        byte[] file = filePart(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        if (file == null) {
            LoopbackServer.json(exchange, 400, "{\"error\": \"missing request.data['file']\"}");
            return;
        }
        ArchFxReport report;
        try {
            report = ArchFxReportDecoder.decode(file);
        } catch (IOException | RuntimeException e) {
            LoopbackServer.json(exchange, 400, MAPPER.writeValueAsString(Map.of("error", "bad report: " + e.getMessage())));
            return;
        }
        ArchFxDeviceSlug device = ArchFxDeviceSlug.of(new BigInteger(Long.toUnsignedString(report.device())));
        ArchFxParentSlug line;
        synchronized (this) {
            line = devices.get(device);
        }
        if (line == null) {
            LoopbackServer.detail(exchange, 404, "Device not found");
            return;
        }
        String key = device + "/" + report.streamerIndex();
        int accepted = 0;
        synchronized (this) {
            long last = lastIds.getOrDefault(key, 0L);
            long highest = last;
            for (ArchFxDataPoint p : report.events()) {
                if (p.readingId() > last) {
                    String stream = ArchFxStreamSlug.of(line, device, p.stream()).toString();
                    readings.add(new Reading(nextId.getAndIncrement(), stream, p.timestamp(), p.value(),
                            p.readingId()));
                    highest = Math.max(highest, p.readingId());
                    accepted++;
                } else {
                    ignored.add(new Reading(0, ArchFxStreamSlug.of(line, device, p.stream()).toString(), p.timestamp(),
                            p.value(), p.readingId()));
                }
            }
            lastIds.put(key, highest);
            reports.incrementAndGet();
        }
        long delay = reportAnswerDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay); // ingested, not yet answered: a client that dies now has sent the report
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LoopbackServer.json(exchange, 201, "{\"count\": " + accepted + "}");
    }

    /** The content of the multipart part named file (a .mp file), or null. */
    private static byte[] filePart(String contentType, byte[] body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
            return null;
        }
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf(boundary);
        while (start >= 0) {
            int headersEnd = text.indexOf("\r\n\r\n", start);
            int next = text.indexOf("\r\n" + boundary, headersEnd);
            if (headersEnd < 0 || next < 0) {
                return null;
            }
            String headers = text.substring(start, headersEnd);
            if (headers.contains("name=\"file\"") && headers.contains(".mp\"")) {
                return Arrays.copyOfRange(body, headersEnd + 4, next);
            }
            start = text.indexOf(boundary, next + 2);
        }
        return null;
    }

    private void data(HttpExchange exchange, Map<String, String> query) throws IOException {
        String filter = query.getOrDefault("filter", "");
        Instant start = query.containsKey("start") ? Instant.parse(query.get("start")) : Instant.MIN;
        Instant end = query.containsKey("end") ? Instant.parse(query.get("end")) : Instant.MAX;
        int size = Math.min(10_000, Integer.parseInt(query.getOrDefault("page_size", "1000")));
        List<Map<String, Object>> matching = new ArrayList<>();
        synchronized (this) {
            List<Reading> sorted = new ArrayList<>(readings);
            sorted.sort(Comparator.comparingLong(Reading::streamerLocalId).thenComparingLong(Reading::id));
            for (Reading r : sorted) {
                boolean match = filter.startsWith("d--")
                        ? ArchFxStreamSlug.parse(r.stream()).device().equals(ArchFxDeviceSlug.parse(filter))
                        : r.stream().equals(filter);
                Instant second = r.timestamp().truncatedTo(ChronoUnit.SECONDS);
                if (match && !second.isBefore(start) && second.isBefore(end)) {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("id", r.id());
                    record.put("stream", r.stream());
                    record.put("timestamp", r.timestamp().truncatedTo(ChronoUnit.SECONDS).toString()); // whole seconds
                    record.put("value", r.value());
                    record.put("int_value", null);
                    record.put("streamer_local_id", r.streamerLocalId());
                    matching.add(record);
                }
            }
        }
        StringBuilder keep = new StringBuilder();
        query.forEach((k, v) -> {
            if (!k.equals("page") && !k.equals("page_size")) {
                keep.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        page(exchange, "data/", keep.toString(), matching, query, size);
    }

    /** The readings held, in upload order. */
    public synchronized List<Reading> readings() {
        return List.copyOf(readings);
    }

    /**
     * The readings of uploaded reports that were ignored as older data (id not above the streamer's last), in upload
     * order, with id 0: a report sent again (absorbed), or readings that arrived after higher ids (lost).
     */
    public synchronized List<Reading> ignoredReadings() {
        return List.copyOf(ignored);
    }

    /** Readings accepted (novel ids). */
    public synchronized long readingCount() {
        return readings.size();
    }

    public long loginCount() {
        return logins.get();
    }

    /** Per stream: the readings held and the last one. */
    public synchronized String report() {
        StringBuilder out = new StringBuilder("ArchFX sandbox: ").append(requests.get()).append(" requests, ")
                .append(reports.get()).append(" reports, ").append(readings.size()).append(" readings held\n");
        Map<String, List<Reading>> byStream = new TreeMap<>();
        readings.forEach(r -> byStream.computeIfAbsent(r.stream(), k -> new ArrayList<>()).add(r));
        byStream.forEach((stream, list) -> {
            Reading last = list.get(list.size() - 1);
            out.append("  ").append(stream).append(": ").append(list.size()).append(" readings, last ")
                    .append(last.timestamp()).append(" = ").append(last.value()).append('\n');
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
