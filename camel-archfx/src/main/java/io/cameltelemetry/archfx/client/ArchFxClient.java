package io.cameltelemetry.archfx.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.archfx.ArchFxException;
import io.cameltelemetry.archfx.ArchFxValidationException;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that knows ArchFX's HTTP API: resource URLs under {@code {domain}/api/v1/} with trailing slashes and
 * percent-encoded ids, Django-style query parameters, DRF pages ({@code count, next, previous, results}) followed by
 * their {@code next} links (only on the same host: the token never goes elsewhere), the multipart report upload and
 * the stream data pages. Authentication comes from the {@link ArchFxSession} the {@link TelemetryHttpClient} was built
 * with.
 */
public final class ArchFxClient {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ArchFxClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TelemetryHttpClient http;
    private final String api;
    private final URI origin;

    public ArchFxClient(TelemetryHttpClient http, String domain) {
        this.http = http;
        this.api = apiRoot(domain);
        this.origin = URI.create(BaseUrl.stripTrailingSlash(domain));
    }

    /** {@code https://host/api/v1} of a domain (trailing slashes removed). */
    public static String apiRoot(String domain) {
        return BaseUrl.stripTrailingSlash(domain) + "/api/v1";
    }

    public TelemetryHttpClient http() {
        return http;
    }

    /** The URL of a resource ({@code org}, {@code machine/m--1/devices}) and optional id, with trailing slash. */
    public String url(String resource, String id) {
        StringBuilder b = new StringBuilder(api).append('/');
        for (String segment : resource.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new ArchFxValidationException("resource", resource, "must not contain . or .. segments");
            }
            b.append(encode(segment)).append('/');
        }
        if (id != null) {
            b.append(encode(id)).append('/');
        }
        return b.toString();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=x+y}: the map's order, null values left out, booleans as True/False (the reference's form). */
    public static String query(Map<?, ?> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, ?> e : query.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Object v = e.getValue();
            String text = v instanceof Boolean bool ? (bool ? "True" : "False") : String.valueOf(v);
            b.append(b.length() == 0 ? '?' : '&').append(URLEncoder.encode(String.valueOf(e.getKey()),
                    StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** An answer of the generic API: status and body (parsed JSON, raw text, or null for none). */
    public record Answer(int status, Object body) {
    }

    /**
     * One request of the generic API. A JSON body is sent with {@code Content-Type: application/json}; GET, PUT and
     * DELETE are retried on transient failures, POST and PATCH only when they cannot have reached the server.
     */
    public Answer request(String method, String url, byte[] jsonBody, boolean rawJson) throws Exception {
        HttpRequestSpec spec = HttpRequestSpec.of(method, url).header("Accept", "application/json");
        if (jsonBody != null) {
            spec.body(jsonBody, ContentType.APPLICATION_JSON);
        }
        return http.execute(spec, response -> {
            int status = response.getCode();
            HttpEntity entity = response.getEntity();
            if (status == 204 || status == 205 || entity == null) {
                return new Answer(status, null);
            }
            byte[] bytes;
            try (InputStream in = entity.getContent()) {
                bytes = in.readAllBytes();
            }
            if (bytes.length == 0) {
                return new Answer(status, null);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (rawJson) {
                return new Answer(status, text);
            }
            try {
                return new Answer(status, MAPPER.readValue(bytes, Object.class));
            } catch (IOException notJson) {
                return new Answer(status, text); // as the reference: not JSON, the body as it came
            }
        });
    }

    /**
     * The results of every page of a list resource, lazily: a page is fetched when the previous one is used up. Pages
     * are DRF's {@code {count, next, previous, results}}; {@code next} is followed only on this client's host.
     */
    public Iterator<Object> pages(String firstUrl, int maxPages) {
        return new Iterator<>() {
            private String next = firstUrl;
            private Iterator<Object> page = Collections.emptyIterator();
            private final Set<String> fetched = new HashSet<>();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && next != null) {
                    fetch();
                }
                return page.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }

            @SuppressWarnings("unchecked")
            private void fetch() {
                String url = next;
                if (!fetched.add(url) || fetched.size() > maxPages) {
                    next = null;
                    String problem = fetched.size() > maxPages
                            ? "more than maxPages (" + maxPages + ") pages"
                            : "a next link to a page it had already answered (the paging never ends)";
                    LOG.warn("ArchFX paging of {} stopped: {}", TelemetryHttpClient.sanitise(firstUrl), problem);
                    throw new TelemetryMalformedResponseException("ArchFX", "GET", TelemetryHttpClient.sanitise(url),
                            200, problem, null);
                }
                try {
                    Object body = request("GET", url, null, false).body();
                    if (!(body instanceof Map<?, ?> map) || !(map.get("results") instanceof List<?> results)) {
                        throw new TelemetryMalformedResponseException("ArchFX", "GET", TelemetryHttpClient.sanitise(url),
                                200, "an answer without a page ({count, next, previous, results})", null);
                    }
                    page = ((List<Object>) results).iterator();
                    Object n = map.get("next");
                    next = n == null ? null : sameOrigin(url, String.valueOf(n));
                } catch (RuntimeException e) {
                    next = null;
                    throw e;
                } catch (Exception e) {
                    next = null;
                    throw new RuntimeCamelException(e);
                }
            }
        };
    }

    /** A next link resolved against the page's URL; refused when it leaves this host (the token would go with it). */
    String sameOrigin(String base, String next) {
        URI resolved = URI.create(base).resolve(next);
        if (!String.valueOf(resolved.getScheme()).equalsIgnoreCase(origin.getScheme())
                || !String.valueOf(resolved.getHost()).equalsIgnoreCase(origin.getHost())
                || effectivePort(resolved) != effectivePort(origin)) {
            throw new RuntimeCamelException("ArchFX page link " + TelemetryHttpClient.sanitise(resolved.toString())
                    + " leaves " + origin + ": not followed (the Authorization header would go with it)");
        }
        return resolved.toString();
    }

    private static int effectivePort(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * Uploads one msgpack report ({@code POST /streamer/report/?timestamp=...}, multipart, one part {@code file},
     * filename {@code report.mp}, no part content type). Retried on I/O errors, 5xx and 429: the cloud ignores
     * readings whose ids it has. Returns the server's {@code count}, or null when it answers none.
     */
    public Long uploadReport(byte[] report, String sentTimestamp) throws Exception {
        String boundary = HexFormat.of().formatHex(randomBytes()); // 32 random hex characters
        ByteArrayOutputStream body = new ByteArrayOutputStream(report.length + 200);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.mp\""
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(report);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        String url = api + "/streamer/report/" + query(Map.of("timestamp", sentTimestamp));
        HttpRequestSpec spec = HttpRequestSpec.post(url).idempotent(true).header("Accept", "application/json")
                .body(body.toByteArray(), ContentType.create("multipart/form-data",
                        new BasicNameValuePair("boundary", boundary)));
        return http.execute(spec, response -> {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return null;
            }
            try (InputStream in = entity.getContent()) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length == 0) {
                    return null;
                }
                JsonNode answer = MAPPER.readTree(bytes);
                return answer != null && answer.has("count") && answer.get("count").canConvertToLong()
                        ? answer.get("count").asLong()
                        : null;
            } catch (IOException notJson) {
                return null;
            }
        });
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** One page of stream data: the records and whether there is a next page. */
    public record DataPage(List<JsonNode> records, boolean hasNext) {
    }

    /** {@code GET /data/?filter=&start=&end=&page_size=&page=}: one page, read whole. */
    public DataPage dataPage(String filter, String start, String end, int pageSize, int page) throws Exception {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("filter", filter);
        q.put("start", start);
        q.put("end", end);
        q.put("page_size", pageSize);
        q.put("page", page);
        String url = api + "/data/" + query(q);
        return http.execute(HttpRequestSpec.get(url).header("Accept", "application/json"), response -> readDataPage(
                response, url));
    }

    private DataPage readDataPage(ClassicHttpResponse response, String url) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        boolean next = false;
        try (InputStream in = response.getEntity().getContent(); JsonParser p = MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformedPage(url, response, "a data page that is not a JSON object", null);
            }
            JsonToken field;
            while ((field = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "results" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw malformedPage(url, response, "a data page whose results is " + t + ", not an array", null);
                        }
                        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                            if (e != JsonToken.START_OBJECT) {
                                throw malformedPage(url, response, "a data page whose results[" + records.size()
                                        + "] is " + (e == null ? "missing (the body ends)" : e) + ", not a record", null);
                            }
                            records.add(p.readValueAsTree());
                        }
                    }
                    case "next" -> next = t != JsonToken.VALUE_NULL;
                    default -> p.skipChildren();
                }
            }
            if (field != JsonToken.END_OBJECT) {
                throw malformedPage(url, response, "a data page that ends early (" + field + ")", null);
            }
        } catch (JsonProcessingException e) {
            throw malformedPage(url, response, "a data page that is not valid JSON: "
                    + http.masker().mask(e.getOriginalMessage()), e);
        }
        return new DataPage(records, next);
    }

    private static TelemetryMalformedResponseException malformedPage(
            String url, ClassicHttpResponse response, String problem,
            Throwable cause) {
        return new TelemetryMalformedResponseException("ArchFX", "GET", TelemetryHttpClient.sanitise(url),
                response.getCode(), null, problem, null, -1, cause);
    }

    /** The typed exception of a final non-2xx answer. */
    public static Exception failure(ErrorResponse error) {
        return new ArchFxException(error);
    }
}
