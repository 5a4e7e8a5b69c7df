package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.cameltelemetry.esmond.model.EsmondDataType;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for a perfSONAR esmond archive under {@code /esmond/perfsonar/archive/} on 127.0.0.1, loaded
 * with the real series of the esmond test data (an owamp metadata with one-way delay and TTL histograms, packet counts
 * and duplicates, and a daily histogram aggregation; an iperf3 metadata with throughput):
 * <ul>
 * <li>metadata search with every filter (subject fields, {@code event-type} + {@code summary-type} +
 * {@code summary-window} on the same event type, {@code dns-match-rule}, free-form parameters, {@code time},
 * {@code time-start}, {@code time-end}, {@code time-range} on each event type's {@code time-updated}), offset paging
 * with {@code metadata-count-total} on the first element, 400 for a bad time or rule;</li>
 * <li>metadata detail, base data and summaries ({@code aggregations}, {@code averages}, {@code statistics}) by time
 * filters with {@code limit}/{@code offset}, typed as esmond types them (percentages answered as ratios);</li>
 * <li>writes with {@code Authorization: Token <key>}: 401 without or with a wrong key, 403 for the read-only key;
 * POST metadata (201, the existing metadata again for the same checksum), POST one point to {@code .../base}, PUT bulk
 * data to {@code /{metadata-key}/}; 409 for a second integer, float or percentage point at one second; aggregation
 * and average summaries kept up to date as points arrive;</li>
 * <li>switches for faults: {@link #outage(long)} (503), {@link #htmlFor(long)} (a 200 HTML page, as a misconfigured
 * proxy answers);</li>
 * <li>{@link #report()}: per metadata and event type, the points held and the last one.</li>
 * </ul>
 */
public final class EsmondSandbox implements AutoCloseable {

    public static final String DEFAULT_USERNAME = "perfsonar";
    public static final String DEFAULT_API_KEY = "esmond-sandbox-api-key";
    /** A key whose user may read but not write (403 on writes). */
    public static final String READ_ONLY_API_KEY = "esmond-sandbox-read-only-key";
    /** The owamp metadata of the fixtures. */
    public static final String OWAMP_KEY = "0CB19291FB6D40EAA1955376772BF5D2";
    /** The iperf3 metadata of the fixtures. */
    public static final String IPERF_KEY = "EC7E5AF67F8746C8AEF41E60288F3F59";

    private static final Logger LOG = LoggerFactory.getLogger(EsmondSandbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ROOT = "/esmond/perfsonar/archive/";
    private static final Set<String> SUBJECT = Set.of("subject-type", "source", "destination", "measurement-agent",
            "input-source", "input-destination", "tool-name");
    private static final Set<String> RESERVED = Set.of("limit", "offset", "format", "time", "time-start", "time-end",
            "time-range", "dns-match-rule", "event-type", "summary-type", "summary-window", "metadata-key");
    private static final Set<String> DNS_RULES = Set.of("v4v6", "only-v4", "only-v6", "prefer-v4", "prefer-v6");
    private static final int DEFAULT_LIMIT = 1500;

    /** One point of a series; several may share a second (esmond stores milliseconds), kept in arrival order. */
    private record Point(long ts, JsonNode val) {
    }

    private final String apiKey;
    /** metadata key -> the metadata as the server answers it (event types with their URIs). */
    private final Map<String, ObjectNode> metadata = new LinkedHashMap<>();
    private final Map<String, String> checksums = new LinkedHashMap<>();
    /** "mk/event-type/segment/window" -> points in (ts, arrival) order. */
    private final Map<String, List<Point>> series = new LinkedHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile long outageUntil;
    private volatile long htmlUntil;
    private LoopbackServer server;

    public EsmondSandbox() {
        this(DEFAULT_API_KEY);
    }

    public EsmondSandbox(String apiKey) {
        this.apiKey = apiKey;
        loadFixtures();
    }

    public EsmondSandbox start(int port) throws IOException {
        server = LoopbackServer.start(port, "esmond-sandbox", this::handle);
        LOG.info("esmond sandbox listening on {}{}", url(), ROOT);
        return this;
    }

    /** The {@code url} option: scheme, host and port (the archive is under the default scriptAlias esmond). */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Answers 503 for the next {@code millis}. */
    public void outage(long millis) {
        this.outageUntil = System.currentTimeMillis() + millis;
    }

    /** Answers every request with a 200 HTML page for the next {@code millis}. */
    public void htmlFor(long millis) {
        this.htmlUntil = System.currentTimeMillis() + millis;
    }

    // ---- fixtures

    private void loadFixtures() {
        ObjectNode owamp = newMetadata(OWAMP_KEY, "point-to-point", "198.51.100.10", "203.0.113.20", "198.51.100.10",
                "owamp-a.example.net", "owamp-b.example.net", "powstream");
        owamp.put("ip-transport-protocol", "udp");
        owamp.put("sample-bucket-width", "0.0001");
        owamp.put("time-interval", "60");
        ObjectNode iperf = newMetadata(IPERF_KEY, "point-to-point", "198.51.100.10", "203.0.113.30", "198.51.100.10",
                "iperf-a.example.net", "iperf-b.example.net", "bwctl/iperf3");
        iperf.put("ip-transport-protocol", "tcp");
        iperf.put("time-duration", "20");
        for (String type : new String[]{ "histogram-owdelay", "histogram-ttl", "packet-count-lost", "packet-count-sent",
                "packet-duplicates" }) {
            addEventType(owamp, type, type.equals("histogram-owdelay")
                    ? List.of(new long[]{ 0 }, new long[]{ 86400 })
                    : List.of());
            loadSeries(OWAMP_KEY, type, "base", 0, "data_" + type);
        }
        loadSeries(OWAMP_KEY, "histogram-owdelay", "aggregations", 86400, "data_histogram-owdelay_aggregation_86400");
        addEventType(iperf, "throughput", List.of(new long[]{ 86400 }));
        loadSeries(IPERF_KEY, "throughput", "base", 0, "data_throughput");
        for (ObjectNode m : List.of(owamp, iperf)) {
            metadata.put(m.get("metadata-key").asText(), m);
            checksums.put(checksum(m), m.get("metadata-key").asText());
            refreshTimeUpdated(m);
        }
    }

    private void loadSeries(String mk, String eventType, String segment, long window, String fixture) {
        try (InputStream in = EsmondSandbox.class.getResourceAsStream("/sandbox/esmond/" + fixture + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing sandbox fixture " + fixture);
            }
            List<Point> points = new ArrayList<>();
            for (JsonNode p : MAPPER.readTree(in).get("body")) {
                points.add(new Point(p.get("ts").asLong(), p.get("val")));
            }
            series.put(seriesKey(mk, eventType, segment, window), points);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sandbox fixture " + fixture, e);
        }
    }

    private static ObjectNode newMetadata(String key, String subjectType, String source, String destination,
            String agent, String inputSource, String inputDestination, String tool) {
        ObjectNode m = NODES.objectNode();
        m.put("metadata-key", key);
        m.put("subject-type", subjectType);
        m.put("source", source);
        if (destination != null) {
            m.put("destination", destination);
        }
        m.put("measurement-agent", agent);
        m.put("input-source", inputSource);
        if (inputDestination != null) {
            m.put("input-destination", inputDestination);
        }
        m.put("tool-name", tool);
        m.put("uri", ROOT + key + "/");
        m.putArray("event-types");
        return m;
    }

    /** Adds an event type with summaries; for a summary list entry {window} the type follows the data type. */
    private static void addEventType(ObjectNode m, String eventType, List<long[]> windows) {
        String mk = m.get("metadata-key").asText();
        ObjectNode et = ((ArrayNode) m.get("event-types")).addObject();
        et.put("event-type", eventType);
        et.putNull("time-updated");
        et.put("base-uri", ROOT + mk + "/" + eventType + "/base");
        ArrayNode summaries = et.putArray("summaries");
        EsmondDataType dataType = EsmondDataType.forReading(eventType);
        for (long[] w : windows) {
            EsmondSummaryType type = w[0] == 0 ? EsmondSummaryType.STATISTICS : EsmondSummaryType.AGGREGATION;
            if (dataType != EsmondDataType.HISTOGRAM) {
                type = EsmondSummaryType.AVERAGE;
            }
            addSummary(summaries, mk, eventType, type, w[0]);
        }
    }

    private static void addSummary(ArrayNode summaries, String mk, String eventType, EsmondSummaryType type,
            long window) {
        ObjectNode s = summaries.addObject();
        s.put("summary-type", type.jsonName());
        s.put("summary-window", String.valueOf(window));
        s.putNull("time-updated");
        s.put("uri", ROOT + mk + "/" + eventType + "/" + type.urlSegment() + "/" + window);
    }

    private static String seriesKey(String mk, String eventType, String segment, long window) {
        return mk + "/" + eventType + "/" + segment + "/" + window;
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                serve(exchange);
            } catch (BadRequest e) {
                LoopbackServer.detail(exchange, 400, e.getMessage());
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (System.currentTimeMillis() < htmlUntil) {
            byte[] page = "<html><body>Please sign in</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            return;
        }
        if (System.currentTimeMillis() < outageUntil) {
            LoopbackServer.json(exchange, 503, "{\"detail\": \"Service temporarily unavailable.\"}");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(ROOT)) {
            LoopbackServer.detail(exchange, 404, "Not found.");
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.substring(ROOT.length()).split("/")) {
            if (!p.isEmpty()) {
                parts.add(URLDecoder.decode(p, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = LoopbackServer.query(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        synchronized (this) {
            route(exchange, method, parts, query);
        }
    }

    private void route(HttpExchange exchange, String method, List<String> parts, Map<String, String> query)
            throws IOException {
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        if (write && !authorized(exchange)) {
            return;
        }
        if (parts.isEmpty()) {
            switch (method) {
                case "GET" -> search(exchange, query);
                case "POST" -> createMetadata(exchange);
                default -> LoopbackServer.detail(exchange, 405, "Method \"" + method + "\" not allowed.");
            }
            return;
        }
        ObjectNode m = metadata.get(parts.get(0));
        if (m == null) {
            LoopbackServer.detail(exchange, 404, "Not found.");
            return;
        }
        if (parts.size() == 1) {
            switch (method) {
                case "GET" -> LoopbackServer.json(exchange, 200, m.toString());
                case "PUT" -> bulk(exchange, m);
                default -> LoopbackServer.detail(exchange, 405, "Method \"" + method + "\" not allowed.");
            }
            return;
        }
        String eventType = parts.get(1);
        JsonNode et = eventTypeOf(m, eventType);
        if (et == null) {
            LoopbackServer.detail(exchange, 404, "Not found.");
            return;
        }
        if (parts.size() == 2) {
            LoopbackServer.json(exchange, 200, et.toString());
            return;
        }
        String segment = parts.get(2);
        EsmondSummaryType summary = EsmondSummaryType.parse(segment);
        if (summary == null || !summary.urlSegment().equals(segment)) {
            LoopbackServer.detail(exchange, 400, "Invalid summary type " + segment);
            return;
        }
        if (summary == EsmondSummaryType.BASE) {
            switch (method) {
                case "GET" -> data(exchange, seriesKey(m.get("metadata-key").asText(), eventType, "base", 0), eventType,
                        query);
                case "POST" -> postPoint(exchange, m, eventType);
                default -> LoopbackServer.detail(exchange, 405, "Method \"" + method + "\" not allowed.");
            }
            return;
        }
        if (write) {
            LoopbackServer.detail(exchange, 400, "Only base summary-type allowed for writing");
            return;
        }
        if (parts.size() < 4) {
            LoopbackServer.detail(exchange, 404, "Not found.");
            return;
        }
        long window;
        try {
            window = Long.parseLong(parts.get(3));
        } catch (NumberFormatException e) {
            throw new BadRequest("Summary window parameter must be an integer");
        }
        data(exchange, seriesKey(m.get("metadata-key").asText(), eventType, segment, window), eventType, query);
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            LoopbackServer.detail(exchange, 401, "Authentication credentials were not provided.");
            return false;
        }
        String token = auth.startsWith("Token ") ? auth.substring(6).trim() : null;
        if (READ_ONLY_API_KEY.equals(token)) {
            LoopbackServer.detail(exchange, 403, "You do not have permission to perform this action.");
            return false;
        }
        if (token == null || !token.equals(apiKey)) {
            LoopbackServer.detail(exchange, 401, "Invalid token.");
            return false;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            LoopbackServer.detail(exchange, 400, "Must post content-type: application/json header and json-formatted payload.");
            return false;
        }
        return true;
    }

    // ---- reads

    private void search(HttpExchange exchange, Map<String, String> q) throws IOException {
        String rule = q.get("dns-match-rule");
        if (rule != null && !DNS_RULES.contains(rule)) {
            throw new BadRequest("Invalid dns-match-rule " + rule);
        }
        long[] window = timeWindow(q);
        List<ObjectNode> hits = new ArrayList<>();
        for (ObjectNode m : metadata.values()) {
            if (matches(m, q, window)) {
                hits.add(m);
            }
        }
        int limit = intParam(q, "limit", DEFAULT_LIMIT);
        int offset = intParam(q, "offset", 0);
        ArrayNode page = NODES.arrayNode();
        for (int i = offset; i < Math.min(hits.size(), offset + limit); i++) {
            ObjectNode item = hits.get(i).deepCopy();
            if (i == offset) {
                item.put("metadata-count-total", hits.size());
                String next = offset + limit < hits.size()
                        ? url() + ROOT + "?limit=" + limit + "&offset=" + (offset
                                + limit)
                        : null;
                String prev = offset > 0
                        ? url() + ROOT + "?limit=" + limit + "&offset=" + Math.max(0, offset - limit)
                        : null;
                item.put("metadata-next-page", next);
                item.put("metadata-previous-page", prev);
            }
            page.add(item);
        }
        LoopbackServer.json(exchange, 200, page.toString());
    }

    private boolean matches(ObjectNode m, Map<String, String> q, long[] window) {
        for (Map.Entry<String, String> f : q.entrySet()) {
            String name = f.getKey();
            String value = f.getValue();
            if (SUBJECT.contains(name) || name.equals("metadata-key")) {
                if (!hostMatches(m, name, value)) {
                    return false;
                }
            } else if (!RESERVED.contains(name)) {
                if (!value.equals(m.path(name).asText(null))) {
                    return false; // a free-form parameter
                }
            }
        }
        String et = q.get("event-type");
        String st = q.get("summary-type");
        String sw = q.get("summary-window");
        boolean timed = window != null;
        if (et == null && st == null && sw == null && !timed) {
            return true;
        }
        for (JsonNode e : m.get("event-types")) {
            if (et != null && !et.equals(e.get("event-type").asText())) {
                continue;
            }
            if (st != null || sw != null) {
                boolean summaryMatch = false;
                for (JsonNode s : e.get("summaries")) {
                    if ((st == null || st.equals(s.get("summary-type").asText()))
                            && (sw == null || sw.equals(s.get("summary-window").asText()))) {
                        summaryMatch = true;
                    }
                }
                if (!summaryMatch && !("base".equals(st) && (sw == null || "0".equals(sw)))) {
                    continue;
                }
            }
            if (timed) {
                JsonNode updated = e.get("time-updated");
                if (updated == null || updated.isNull() || updated.asLong() < window[0] || updated.asLong() > window[1]) {
                    continue;
                }
            }
            return true;
        }
        return false;
    }

    /** Subject fields; source, destination and measurement-agent also match by the host name given at test time. */
    private static boolean hostMatches(ObjectNode m, String name, String value) {
        String stored = m.path(name).asText(null);
        if (value.equals(stored)) {
            return true;
        }
        return switch (name) {
            case "source" -> value.equals(m.path("input-source").asText(null));
            case "destination" -> value.equals(m.path("input-destination").asText(null));
            default -> false;
        };
    }

    private void data(HttpExchange exchange, String key, String eventType, Map<String, String> q) throws IOException {
        long[] window = timeWindow(q);
        int limit = intParam(q, "limit", DEFAULT_LIMIT);
        int offset = intParam(q, "offset", 0);
        List<Point> points = series.getOrDefault(key, List.of());
        boolean percentage = EsmondDataType.of(eventType) == EsmondDataType.PERCENTAGE;
        StringBuilder out = new StringBuilder("[");
        int skipped = 0;
        int emitted = 0;
        for (Point p : points) {
            if (window != null && (p.ts() < window[0] || p.ts() > window[1])) {
                continue;
            }
            if (skipped++ < offset) {
                continue;
            }
            if (emitted == limit) {
                break;
            }
            JsonNode val = p.val();
            if (percentage && val.isObject()) {
                val = NODES.numberNode(val.get("numerator").asDouble() / val.get("denominator").asDouble());
            }
            out.append(emitted++ == 0 ? "" : ",").append("{\"ts\":").append(p.ts()).append(",\"val\":").append(val)
                    .append('}');
        }
        LoopbackServer.json(exchange, 200, out.append(']').toString());
    }

    /** [begin, end] of the time filters as esmond combines them, or null for none. */
    private static long[] timeWindow(Map<String, String> q) {
        Long time = longParam(q, "time");
        Long start = longParam(q, "time-start");
        Long end = longParam(q, "time-end");
        Long range = longParam(q, "time-range");
        long now = System.currentTimeMillis() / 1000;
        long[] w;
        if (time != null) {
            w = new long[]{ time, time };
        } else if (start != null && end != null) {
            w = new long[]{ start, end };
        } else if (start != null && range != null) {
            w = new long[]{ start, start + range };
        } else if (end != null && range != null) {
            w = new long[]{ end - range, end };
        } else if (start != null) {
            w = new long[]{ start, Long.MAX_VALUE };
        } else if (end != null) {
            w = new long[]{ 0, end };
        } else if (range != null) {
            w = new long[]{ now - range, Long.MAX_VALUE };
        } else {
            return null;
        }
        if (w[0] > w[1]) {
            throw new BadRequest("Requested start time must be less than end time");
        }
        return w;
    }

    private static Long longParam(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadRequest("Time parameter must be an integer");
        }
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new BadRequest("Invalid " + name + " " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("Invalid " + name + " " + v);
        }
    }

    // ---- writes

    private void createMetadata(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        if (body == null) {
            return;
        }
        if (!body.isObject()) {
            throw new BadRequest("Expected a metadata object");
        }
        if (body.has("metadata-key")) {
            throw new BadRequest("metadata-key is assigned by the archive");
        }
        String subject = body.path("subject-type").asText("");
        if (!subject.equals("point-to-point") && !subject.equals("network-element")) {
            throw new BadRequest("subject-type must be point-to-point or network-element");
        }
        if (!body.path("event-types").isArray()) {
            throw new BadRequest("event-types must be a list");
        }
        String key = UUID.randomUUID().toString().replace("-", "");
        ObjectNode m = newMetadata(key, subject, text(body, "source"), text(body, "destination"),
                text(body, "measurement-agent"), text(body, "input-source"), text(body, "input-destination"),
                text(body, "tool-name"));
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!SUBJECT.contains(f.getKey()) && !f.getKey().equals("event-types")) {
                m.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        ArrayNode ets = (ArrayNode) m.get("event-types");
        for (JsonNode e : body.get("event-types")) {
            String name = e.path("event-type").asText("");
            EsmondDataType type = EsmondDataType.of(name);
            if (type == null) {
                throw new BadRequest("Invalid event type " + name);
            }
            ObjectNode et = ets.addObject();
            et.put("event-type", name);
            et.putNull("time-updated");
            et.put("base-uri", ROOT + key + "/" + name + "/base");
            ArrayNode summaries = et.putArray("summaries");
            for (JsonNode s : e.path("summaries")) {
                EsmondSummaryType st = EsmondSummaryType.parse(s.path("summary-type").asText(""));
                if (st == null || !st.jsonName().equals(s.path("summary-type").asText()) || !type.allows(st)) {
                    throw new BadRequest("Invalid summary type " + s.path("summary-type").asText() + " for " + name);
                }
                long window;
                try {
                    window = Long.parseLong(s.path("summary-window").asText());
                } catch (NumberFormatException ex) {
                    throw new BadRequest("Summary window parameter must be an integer");
                }
                if (st != EsmondSummaryType.BASE) {
                    addSummary(summaries, key, name, st, window);
                }
            }
        }
        String checksum = checksum(m);
        String existing = checksums.get(checksum);
        if (existing != null) {
            LoopbackServer.json(exchange, 201, metadata.get(existing).toString());
            return;
        }
        metadata.put(key, m);
        checksums.put(checksum, key);
        LoopbackServer.json(exchange, 201, m.toString());
    }

    /** esmond's duplicate check: subject, parameters and event types, lower-cased and sorted. */
    private static String checksum(ObjectNode m) {
        TreeMap<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!Set.of("metadata-key", "uri", "url", "event-types").contains(f.getKey())) {
                fields.put(f.getKey().toLowerCase(Locale.ROOT), f.getValue().asText().toLowerCase(Locale.ROOT));
            }
        }
        List<String> types = new ArrayList<>();
        for (JsonNode e : m.get("event-types")) {
            List<String> summaries = new ArrayList<>();
            for (JsonNode s : e.get("summaries")) {
                summaries.add(s.get("summary-type").asText() + ":" + s.get("summary-window").asText());
            }
            summaries.sort(null);
            types.add(e.get("event-type").asText() + summaries);
        }
        types.sort(null);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((fields + "|" + types).getBytes(
                    StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void postPoint(HttpExchange exchange, ObjectNode m, String eventType) throws IOException {
        JsonNode body = readJson(exchange);
        if (body == null) {
            return;
        }
        if (!body.has("ts") || !body.has("val")) {
            throw new BadRequest("A point needs ts and val");
        }
        String conflict = store(m, eventType, body.get("ts"), body.get("val"));
        if (conflict != null) {
            LoopbackServer.detail(exchange, 409, conflict);
            return;
        }
        respondCreated(exchange);
    }

    private void bulk(HttpExchange exchange, ObjectNode m) throws IOException {
        JsonNode body = readJson(exchange);
        if (body == null) {
            return;
        }
        if (!body.path("data").isArray()) {
            throw new BadRequest("data must be a list");
        }
        for (JsonNode item : body.get("data")) {
            if (!item.has("ts") || !item.path("val").isArray()) {
                throw new BadRequest("Each item needs ts and a list val");
            }
            for (JsonNode v : item.get("val")) {
                if (!v.has("event-type") || !v.has("val")) {
                    throw new BadRequest("Each value needs event-type and val");
                }
                String conflict = store(m, v.get("event-type").asText(), item.get("ts"), v.get("val"));
                if (conflict != null) {
                    LoopbackServer.detail(exchange, 409, conflict); // what was stored before it stays stored, as in esmond
                    return;
                }
            }
        }
        respondCreated(exchange);
    }

    /** Stores one point (creating the event type's series); returns the 409 text for a duplicate, else null. */
    private String store(ObjectNode m, String eventType, JsonNode tsNode, JsonNode val) {
        EsmondDataType type = EsmondDataType.of(eventType);
        if (type == null) {
            throw new BadRequest("Invalid event type " + eventType);
        }
        JsonNode et = eventTypeOf(m, eventType);
        if (et == null) {
            throw new BadRequest("Event type " + eventType + " is not registered for this metadata");
        }
        long ts;
        try {
            ts = Long.parseLong(tsNode.asText());
        } catch (NumberFormatException e) {
            throw new BadRequest("ts must be an integer");
        }
        checkValue(type, val);
        String key = seriesKey(m.get("metadata-key").asText(), eventType, "base", 0);
        List<Point> points = series.computeIfAbsent(key, k -> new ArrayList<>());
        boolean raw = type == EsmondDataType.HISTOGRAM || type == EsmondDataType.JSON
                || type == EsmondDataType.SUBINTERVAL;
        int at = points.size();
        while (at > 0 && points.get(at - 1).ts() > ts) {
            at--;
        }
        if (at > 0 && points.get(at - 1).ts() == ts) {
            if (!raw) {
                return "Time series value already exists with event type " + eventType + " at time " + ts;
            }
            points.set(at - 1, new Point(ts, val));
        } else {
            points.add(at, new Point(ts, val));
        }
        written.incrementAndGet();
        ((ObjectNode) et).put("time-updated", ts);
        summarise(m, eventType, type, et, points, ts);
        return null;
    }

    private static void checkValue(EsmondDataType type, JsonNode val) {
        boolean ok = switch (type) {
            case INTEGER -> val.isIntegralNumber() || val.isNumber() && val.asDouble() == Math.rint(val.asDouble());
            case FLOAT -> val.isNumber();
            case PERCENTAGE -> val.isObject() && val.path("numerator").asLong(-1) >= 0
                    && val.path("denominator").asLong(0) > 0;
            case HISTOGRAM -> val.isObject();
            case SUBINTERVAL -> val.isArray() && !val.isEmpty();
            case JSON -> true;
        };
        if (!ok) {
            throw new BadRequest("Invalid value for a " + type.name().toLowerCase(Locale.ROOT) + " event type: " + val);
        }
    }

    /** Recomputes the aggregation and average summaries of an event type from its base points. */
    /**
     * Recomputes the aggregation and average summary points of the window a new base point at {@code ts} falls in (the
     * base points are in ts order, so the window's points are found by binary search).
     */
    private void summarise(ObjectNode m, String eventType, EsmondDataType type, JsonNode et, List<Point> base,
            long ts) {
        String mk = m.get("metadata-key").asText();
        for (JsonNode s : et.get("summaries")) {
            EsmondSummaryType st = EsmondSummaryType.parse(s.get("summary-type").asText());
            long window = s.get("summary-window").asLong();
            if (window <= 0 || st == EsmondSummaryType.STATISTICS) {
                continue;
            }
            long start = ts - Math.floorMod(ts, window);
            List<JsonNode> vals = new ArrayList<>();
            for (int i = firstAtOrAfter(base, start); i < base.size() && base.get(i).ts() < start + window; i++) {
                vals.add(base.get(i).val());
            }
            List<Point> out = series.computeIfAbsent(seriesKey(mk, eventType, st.urlSegment(), window),
                    k -> new ArrayList<>());
            int at = firstAtOrAfter(out, start);
            Point point = new Point(start, summary(type, st, vals));
            if (at < out.size() && out.get(at).ts() == start) {
                out.set(at, point);
            } else {
                out.add(at, point);
            }
            ((ObjectNode) s).put("time-updated", out.get(out.size() - 1).ts());
        }
    }

    /** The index of the first point at or after {@code ts} in a list in ts order. */
    private static int firstAtOrAfter(List<Point> points, long ts) {
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).ts() < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static JsonNode summary(EsmondDataType type, EsmondSummaryType st, List<JsonNode> vals) {
        if (type == EsmondDataType.HISTOGRAM) {
            Map<String, Long> union = new LinkedHashMap<>();
            vals.forEach(v -> v.fields().forEachRemaining(f -> union.merge(f.getKey(), f.getValue().asLong(), Long::sum)));
            return MAPPER.valueToTree(union);
        }
        if (type == EsmondDataType.PERCENTAGE) {
            long num = 0;
            long den = 0;
            for (JsonNode v : vals) {
                num += v.get("numerator").asLong();
                den += v.get("denominator").asLong();
            }
            return NODES.numberNode(den == 0 ? 0.0 : (double) num / den);
        }
        double sum = 0;
        for (JsonNode v : vals) {
            sum += v.asDouble();
        }
        return NODES.numberNode(st == EsmondSummaryType.AVERAGE ? sum / vals.size() : sum);
    }

    /** Sets each event type's and summary's time-updated from the last point of its series (the fixtures). */
    private void refreshTimeUpdated(ObjectNode m) {
        String mk = m.get("metadata-key").asText();
        for (JsonNode e : m.get("event-types")) {
            String eventType = e.get("event-type").asText();
            List<Point> base = series.get(seriesKey(mk, eventType, "base", 0));
            if (base != null && !base.isEmpty()) {
                ((ObjectNode) e).put("time-updated", base.get(base.size() - 1).ts());
            }
            for (JsonNode s : e.get("summaries")) {
                EsmondSummaryType st = EsmondSummaryType.parse(s.get("summary-type").asText());
                List<Point> points = series.get(seriesKey(mk, eventType, st.urlSegment(), s.get("summary-window")
                        .asLong()));
                if (points != null && !points.isEmpty()) {
                    ((ObjectNode) s).put("time-updated", points.get(points.size() - 1).ts());
                }
            }
        }
    }

    // ---- helpers

    private JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = LoopbackServer.readBody(exchange);
        if (body == null) {
            LoopbackServer.detail(exchange, 413, "Request entity too large.");
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequest("JSON parse error - " + e.getMessage());
        }
    }

    private static JsonNode eventTypeOf(ObjectNode m, String eventType) {
        for (JsonNode e : m.get("event-types")) {
            if (e.get("event-type").asText().equals(eventType)) {
                return e;
            }
        }
        return null;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void respondCreated(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, -1);
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    // ---- for people and tests

    /** The points a series holds (base: segment {@code base}, window 0), in order. */
    public synchronized List<Map.Entry<Long, JsonNode>> points(String mk, String eventType, String segment,
            long window) {
        List<Map.Entry<Long, JsonNode>> out = new ArrayList<>();
        for (Point p : series.getOrDefault(seriesKey(mk, eventType, segment, window), List.of())) {
            out.add(Map.entry(p.ts(), p.val()));
        }
        return out;
    }

    /** The metadata keys the archive holds, in creation order. */
    public synchronized List<String> metadataKeys() {
        return new ArrayList<>(metadata.keySet());
    }

    /** Points written through the API. */
    public long written() {
        return written.get();
    }

    /** What the archive holds: per metadata and series, the points and the last one. */
    public synchronized String report() {
        StringBuilder out = new StringBuilder("esmond sandbox: ").append(requests.get()).append(" requests, ")
                .append(written.get()).append(" points written, ").append(metadata.size()).append(" metadata\n");
        for (ObjectNode m : metadata.values()) {
            String mk = m.get("metadata-key").asText();
            out.append("  ").append(mk).append(' ').append(m.path("tool-name").asText()).append(' ')
                    .append(m.path("source").asText()).append(" -> ").append(m.path("destination").asText("-"))
                    .append('\n');
            series.forEach((key, points) -> {
                if (key.startsWith(mk + "/") && !points.isEmpty()) {
                    Point last = points.get(points.size() - 1);
                    String v = last.val().toString();
                    out.append("    ").append(key.substring(mk.length() + 1)).append(": ").append(points.size())
                            .append(" points, last ").append(last.ts()).append(" = ")
                            .append(v.length() > 60 ? v.substring(0, 60) + "..." : v).append('\n');
                }
            });
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
