package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for a Coherent Research DCS server on 127.0.0.1, serving both API generations:
 * <ul>
 * <li>public API under {@code /DCSWebApi}: {@code authentication/signin|signout}, {@code meters},
 * {@code virtualMeters}, {@code readings}, {@code status}, each also under {@code /public/} without sign-in;</li>
 * <li>legacy v3 API under {@code /DCS/api}: {@code account/login|logout}, {@code meters}, {@code virtualMeters},
 * {@code registerReadings/list}, {@code virtualMeterReadings/list} (any case, trailing slash or not).</li>
 * </ul>
 * Sign-in sets a cookie ({@code COHERENT-DCS-API...} / {@code COHERENT-DCSV3...}) that expires after
 * {@link #setCookieLifetime(Duration) cookieLifetime}, then requests get 401. Readings are generated deterministically
 * for any id and range and streamed (gzip when asked) without building the body in memory. Errors are
 * {@code {"details": "..."}}: bad or misaligned arguments and ranges beyond {@link #setRangeLimitDays(int)} give 400;
 * {@link #rateLimitNext(int)} answers the next requests with 429 and {@code Retry-After}.
 */
public final class DcsSandbox implements AutoCloseable {

    public static final String DEFAULT_USERNAME = "dcs-demo";
    public static final String DEFAULT_PASSWORD = "dcs-demo-password";

    private static final Logger LOG = LoggerFactory.getLogger(DcsSandbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("(?i)(R|VM)(\\d+)");
    private static final Instant ORIGIN = Instant.parse("2000-01-03T00:00:00Z");

    private final String username;
    private final String password;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong readingsServed = new AtomicLong();
    private volatile long lastReadingsRequestNanos;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile Duration cookieLifetime = Duration.ofMinutes(30);
    private volatile int rangeLimitDays;
    private volatile String retryAfter = "1s";
    private volatile int missingValueEvery = Integer.getInteger("dcs.sandbox.missingValueEvery", 0);
    private LoopbackServer server;

    public DcsSandbox() {
        this(DEFAULT_USERNAME, DEFAULT_PASSWORD);
    }

    public DcsSandbox(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public DcsSandbox start(int port) throws IOException {
        server = LoopbackServer.start(port, "dcs-sandbox", this::handle);
        LOG.info("DCS sandbox listening on {} (public) and {} (legacy)", publicBaseUrl(), legacyBaseUrl());
        return this;
    }

    public String publicBaseUrl() {
        return "http://127.0.0.1:" + server.port() + "/DCSWebApi";
    }

    public String legacyBaseUrl() {
        return "http://127.0.0.1:" + server.port() + "/DCS";
    }

    public void setCookieLifetime(Duration cookieLifetime) {
        this.cookieLifetime = cookieLifetime;
    }

    /** Lets every issued sign-in cookie expire now: the next request with one gets 401. */
    public void expireSessions() {
        sessions.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    /** The longest readings range in days one request may ask for (0 = no limit), as DCS's range limit. */
    public void setRangeLimitDays(int rangeLimitDays) {
        this.rangeLimitDays = rangeLimitDays;
    }

    /** Answers the next {@code count} requests with 429, {@code Retry-After} (default {@code 1s}) and a back-off body. */
    public void rateLimitNext(int count) {
        rateLimited.set(count);
    }

    public void setRetryAfter(String retryAfter) {
        this.retryAfter = retryAfter;
    }

    public long requestCount() {
        return requests.get();
    }

    /** {@link System#nanoTime()} of the last request for readings of the public API (0: none yet). */
    public long lastReadingsRequestNanos() {
        return lastReadingsRequestNanos;
    }

    public long readingsServed() {
        return readingsServed.get();
    }

    /**
     * Serves every {@code n}-th half-hour (counted from 2000-01-03) of the public API's standard readings with
     * {@code "value": "NaN"}, as DCS may for a missing value; 0 (default) for none. Also
     * {@code -Ddcs.sandbox.missingValueEvery=N}, to try the demo bridge's poison handling.
     */
    public void setMissingValueEvery(int n) {
        this.missingValueEvery = n;
    }

    /** Whether the sandbox serves the half-hour at {@code t} without a value, with missingValueEvery {@code n}. */
    public static boolean isMissing(int n, Instant t) {
        return n > 0 && Math.floorMod(Duration.between(ORIGIN, t).toMinutes() / 30, n) == 0;
    }

    /** The half-hourly value the sandbox serves for an id at a period start (consumption, kWh). */
    public static double halfHourValue(String id, Instant t) {
        long minutes = Duration.between(ORIGIN, t).toMinutes();
        double hourOfDay = (minutes % 1440) / 60.0;
        int seed = Math.abs(id.toUpperCase(Locale.ROOT).hashCode() % 7);
        return Math.round((4 + seed + 3 * Math.sin((hourOfDay - 6) / 24 * 2 * Math.PI)) * 100) / 100.0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // errors are answered inside the try: try-with-resources closes the exchange before a catch runs
            try {
                route(exchange);
            } catch (BadRequest e) {
                error(exchange, 400, e.getMessage(), "");
            } catch (RuntimeException e) {
                LOG.warn("DCS sandbox failed on {}", exchange.getRequestURI(), e);
                error(exchange, 500, "Internal error", "");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
            error(exchange, 429, "Rate limit exceeded", ",\"backOffSuggestion\":1");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String lower = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (lower.startsWith("/dcswebapi/")) {
            handlePublic(exchange, lower.substring("/dcswebapi/".length()), query);
        } else if (lower.startsWith("/dcs/api/")) {
            handleLegacy(exchange, lower.substring("/dcs/api/".length()), query);
        } else {
            error(exchange, 404, "No such resource " + path, "");
        }
    }

    private void handlePublic(HttpExchange exchange, String method, Map<String, String> query) throws IOException {
        switch (method) {
            case "authentication/signin" -> signIn(exchange, "COHERENT-DCS-API");
            case "authentication/signout" -> signOut(exchange, "COHERENT-DCS-API", 204);
            default -> {
                boolean anonymous = method.startsWith("public/");
                String m = anonymous ? method.substring("public/".length()) : method;
                if (!anonymous && !authorised(exchange)) {
                    error(exchange, 401, "Not signed in or the session expired", "");
                    return;
                }
                switch (m) {
                    case "meters" -> json(exchange, METERS);
                    case "virtualmeters" -> json(exchange, VIRTUAL_METERS);
                    case "status" -> json(exchange, "{\"status\":\"running\",\"appVersion\":\"3.0.0\",\"sandbox\":true}");
                    case "readings" -> publicReadings(exchange, query);
                    default -> error(exchange, 404, "No such method " + m, "");
                }
            }
        }
    }

    private void handleLegacy(HttpExchange exchange, String method, Map<String, String> query) throws IOException {
        switch (method) {
            case "account/login" -> signIn(exchange, "COHERENT-DCSV3");
            case "account/logout" -> signOut(exchange, "COHERENT-DCSV3", 200);
            default -> {
                if (!authorised(exchange)) {
                    error(exchange, 401, "Not signed in or the session expired", "");
                    return;
                }
                switch (method) {
                    case "meters" -> json(exchange, METERS);
                    case "virtualmeters" -> json(exchange, VIRTUAL_METERS);
                    case "registerreadings/list" -> legacyReadings(exchange, query, "R", query.get("registerid"));
                    case "virtualmeterreadings/list" -> legacyReadings(exchange, query, "VM", query.get("virtualmeterid"));
                    default -> error(exchange, 404, "No such method " + method, "");
                }
            }
        }
    }

    private void signIn(HttpExchange exchange, String cookie) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "Use POST", "");
            return;
        }
        JsonNode body;
        byte[] raw = LoopbackServer.readBody(exchange);
        if (raw == null) {
            error(exchange, 413, "The request body is larger than " + LoopbackServer.MAX_REQUEST_BODY + " bytes", "");
            return;
        }
        try {
            body = MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new BadRequest("The body must be JSON {\"username\", \"password\"}");
        }
        if (body == null || !username.equals(body.path("username").asText())
                || !password.equals(body.path("password").asText())) {
            error(exchange, 401, "Invalid username or password", "");
            return;
        }
        String token = UUID.randomUUID().toString();
        sessions.put(token, Instant.now().plus(cookieLifetime));
        exchange.getResponseHeaders().add("Set-Cookie", cookie + "=" + token + "; Path=/; HttpOnly");
        json(exchange, "{\"username\":\"" + username + "\",\"role\":\"Viewer\",\"appVersion\":\"3.0.0\"}");
    }

    private void signOut(HttpExchange exchange, String cookie, int status) throws IOException {
        String token = token(exchange);
        if (token != null) {
            sessions.remove(token);
        }
        exchange.getResponseHeaders().add("Set-Cookie", cookie + "=; Path=/; HttpOnly");
        exchange.sendResponseHeaders(status, -1);
    }

    private boolean authorised(HttpExchange exchange) {
        String token = token(exchange);
        Instant expiry = token == null ? null : sessions.get(token);
        if (expiry == null) {
            return false;
        }
        if (Instant.now().isAfter(expiry)) {
            sessions.remove(token);
            return false;
        }
        return true;
    }

    private static String token(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].startsWith("COHERENT-DCS") && !kv[1].isEmpty()) {
                return kv[1];
            }
        }
        return null;
    }

    private enum Period {
        HALFHOUR(30), HOUR(60), DAY(1440), WEEK(10080), MONTH(0);

        final int minutes;

        Period(int minutes) {
            this.minutes = minutes;
        }

        static Period of(String text) {
            try {
                return valueOf((text == null ? "halfhour" : text).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("Unknown periodType '" + text + "'");
            }
        }

        boolean aligned(Instant t) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            boolean midnight = z.toLocalTime().toSecondOfDay() == 0 && z.getNano() == 0;
            return switch (this) {
                case HALFHOUR -> z.getMinute() % 30 == 0 && z.getSecond() == 0 && z.getNano() == 0;
                case HOUR -> z.getMinute() == 0 && z.getSecond() == 0 && z.getNano() == 0;
                case DAY -> midnight;
                case WEEK -> midnight && z.getDayOfWeek() == DayOfWeek.MONDAY;
                case MONTH -> midnight && z.getDayOfMonth() == 1;
            };
        }

        Instant plus(Instant t, long n) {
            return this == MONTH ? t.atZone(ZoneOffset.UTC).plusMonths(n).toInstant() : t.plus(Duration.ofMinutes(minutes * n));
        }

        long halfHours(Instant t) {
            return Duration.between(t, plus(t, 1)).toMinutes() / 30;
        }
    }

    private void publicReadings(HttpExchange exchange, Map<String, String> q) throws IOException {
        lastReadingsRequestNanos = System.nanoTime();
        Matcher id = ID.matcher(q.getOrDefault("id", ""));
        if (!id.matches()) {
            throw new BadRequest("id must be R<registerId> or VM<virtualMeterId>");
        }
        Period period = Period.of(q.get("periodtype"));
        String format = q.getOrDefault("format", "standard").toLowerCase(Locale.ROOT);
        boolean virtual = id.group(1).equalsIgnoreCase("VM");
        if (format.equals("complete") && virtual) {
            throw new BadRequest("The complete format is not available for virtual meters");
        }
        Instant start = time(q.get("starttime"));
        Instant end = time(q.get("endtime"));
        Integer count = q.get("periodcount") == null ? null : Integer.valueOf(q.get("periodcount"));
        int given = (start != null ? 1 : 0) + (end != null ? 1 : 0) + (count != null ? 1 : 0);
        if (given != 2) {
            throw new BadRequest("Exactly two of startTime, endTime and periodCount are required");
        }
        if (start == null) {
            start = period.plus(end, -count);
        } else if (end == null) {
            end = period.plus(start, count);
        }
        checkRange(period, start, end);
        String canonical = id.group(1).toUpperCase(Locale.ROOT) + id.group(2);
        Instant from = start;
        Instant to = end;
        stream(exchange, gen -> {
            gen.writeStartObject();
            gen.writeStringField("startTime", instant(from));
            gen.writeStringField("endTime", instant(to));
            gen.writeStringField("name", virtual ? "Sandbox VM " + id.group(2) : "Sandbox meter: Register " + id.group(2));
            gen.writeStringField("periodType",
                    period.name().equals("HALFHOUR") ? "halfHour" : period.name().toLowerCase(Locale.ROOT));
            gen.writeStringField("unit", "kWh");
            gen.writeNumberField("readingDuration", virtual ? Math.max(period.minutes, 0) : 0);
            gen.writeArrayFieldStart("readings");
        }, period, canonical, format.equals("complete"), false, start, end);
    }

    private void legacyReadings(HttpExchange exchange, Map<String, String> q, String prefix, String number) throws IOException {
        if (number == null || !number.matches("\\d+")) {
            throw new BadRequest("registerId / virtualMeterId must be a number");
        }
        Period period = Period.of(q.get("integrationperiod"));
        Instant start = q.get("start") == null ? Instant.now().truncatedTo(ChronoUnit.DAYS) : time(q.get("start"));
        // the v3 spec's default end: one week for weeks, one month for months, else one day
        Instant end = q.get("end") != null
                ? time(q.get("end"))
                : period == Period.WEEK || period == Period.MONTH ? period.plus(start, 1) : start.plus(Duration.ofDays(1));
        checkRange(period, start, end);
        stream(exchange, JsonGenerator::writeStartArray, period, prefix + number, true, true, start, end);
    }

    private void checkRange(Period period, Instant start, Instant end) {
        if (!period.aligned(start) || !period.aligned(end)) {
            throw new BadRequest("startTime and endTime must be aligned to the period type");
        }
        if (!end.isAfter(start)) {
            throw new BadRequest("endTime must be after startTime");
        }
        if (rangeLimitDays > 0 && Duration.between(start, end).toDays() > rangeLimitDays) {
            throw new BadRequest("The query exceeds the allowed date range of " + rangeLimitDays + " days");
        }
    }

    @FunctionalInterface
    private interface Envelope {
        void open(JsonGenerator gen) throws IOException;
    }

    /** Writes readings one by one straight to the (gzip) response stream. */
    private void stream(HttpExchange exchange, Envelope envelope, Period period, String id, boolean complete, boolean legacy,
            Instant start, Instant end)
            throws IOException {
        boolean gzip = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, 0);
        OutputStream raw = exchange.getResponseBody();
        try (OutputStream out = gzip ? new GZIPOutputStream(raw, 64 * 1024) : raw;
                JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
            envelope.open(gen);
            long total = 1000;
            long n = 0;
            long legacyId = Math.abs((long) id.hashCode()) * 1000;
            for (Instant t = start; t.isBefore(end); t = period.plus(t, 1)) {
                double value = 0;
                long halfHours = period.halfHours(t);
                for (long h = 0; h < halfHours; h++) {
                    value += halfHourValue(id, t.plus(Duration.ofMinutes(30 * h)));
                }
                value = Math.round(value * 100) / 100.0;
                total += value;
                gen.writeStartObject();
                if (legacy) {
                    gen.writeNumberField("id", legacyId + n);
                    gen.writeStringField("startTime", instant(t));
                    gen.writeNumberField("duration", Duration.between(t, period.plus(t, 1)).toMinutes());
                    gen.writeNumberField("totalValue", id.startsWith("VM") ? 0 : total);
                    gen.writeNumberField("periodValue", value);
                    gen.writeBooleanField("isGenerated", false);
                    gen.writeBooleanField("isInterpolated", false);
                } else {
                    gen.writeStringField("timestamp", instant(t));
                    if (complete) {
                        gen.writeNumberField("totalValue", total);
                        gen.writeNumberField("periodValue", value);
                    } else if (period.halfHours(t) == 1 && isMissing(missingValueEvery, t)) {
                        gen.writeStringField("value", "NaN");
                    } else {
                        gen.writeNumberField("value", value);
                    }
                    gen.writeNumberField("status", 0);
                }
                gen.writeEndObject();
                n++;
            }
            gen.writeEndArray();
            if (!legacy) {
                gen.writeEndObject();
            }
            readingsServed.addAndGet(n);
        }
    }

    private static String instant(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new BadRequest("'" + text + "' is not a valid date or time");
        }
    }

    /** The query with lower-cased names (DCS matches parameter names case-insensitively). */
    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        LoopbackServer.query(raw).forEach((k, v) -> q.put(k.toLowerCase(Locale.ROOT), v));
        return q;
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        LoopbackServer.json(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, int status, String details, String extra) throws IOException {
        LoopbackServer.json(exchange, status, "{\"details\":" + MAPPER.writeValueAsString(details) + extra + "}");
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private static final String METERS = """
            [{"id": 405, "connectionMethod": "tcp", "deviceId": "", "name": "Greenhouse main", "meterType": "electricity",
              "remoteAddress": "127.0.0.1:5000", "serialNumber": "SANDBOX405", "status": "online",
              "registers": [{"id": 733, "address": "130", "isInstantaneous": false, "name": "Active Energy (import)",
                             "scaleFactor": "", "defaultScaleFactor": "1", "unit": "kWh"},
                            {"id": 734, "address": "131", "isInstantaneous": true, "name": "Active Power",
                             "scaleFactor": "0.001", "defaultScaleFactor": "1", "unit": "kW"}]},
             {"id": 406, "connectionMethod": "modem", "deviceId": "", "name": "Boiler house", "meterType": "heat",
              "remoteAddress": "", "serialNumber": "SANDBOX406", "status": "offline",
              "registers": [{"id": 740, "address": "1", "isInstantaneous": false, "name": "Heat Energy",
                             "scaleFactor": "", "defaultScaleFactor": "", "unit": "kWh"}]}]""";

    private static final String VIRTUAL_METERS = """
            [{"id": 9, "name": "Greenhouse heating energy", "expression": "R1+R2", "decimalPlaces": 2,
              "isInstantaneous": false, "unit": "kWh",
              "registerAliases": [{"alias": "R1", "registerId": 733, "registerName": "Active Energy (import)"},
                                  {"alias": "R2", "registerId": 740, "registerName": "Heat Energy"}]},
             {"id": 10, "name": "Site power", "expression": "R1", "decimalPlaces": 3, "isInstantaneous": true,
              "unit": "kW", "registerAliases": [{"alias": "R1", "registerId": 734, "registerName": "Active Power"}]}]""";

    /** A summary for people. */
    public String report() {
        return "DCS sandbox: " + requests.get() + " requests, " + readingsServed.get() + " readings served, "
                + sessions.size() + " sessions open\n";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
