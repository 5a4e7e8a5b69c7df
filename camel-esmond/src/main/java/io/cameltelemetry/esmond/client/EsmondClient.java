package io.cameltelemetry.esmond.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.OpenResponse;
import io.cameltelemetry.common.http.RetryRule;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.esmond.EsmondException;
import io.cameltelemetry.esmond.model.EsmondEventType;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The only code that knows esmond's HTTP API: the archive root {@code {url}/{scriptAlias}/perfsonar/archive/}, the
 * metadata search and its offset paging, the {@code base-uri}/{@code uri} links it follows for data, the writes
 * (POST metadata, POST a point to {@code .../{event-type}/base}, PUT bulk data to {@code .../{metadata-key}/}), and the
 * rule that a 2xx answer must be JSON. Credentials ({@code Authorization: Token}) come from the
 * {@link TelemetryHttpClient}'s authenticator, on writes only.
 */
public final class EsmondClient {

    private static final ContentType JSON = ContentType.APPLICATION_JSON;

    private final TelemetryHttpClient http;
    private final String root;
    private final String archive;

    /**
     * @param url         scheme, host and port
     * @param scriptAlias the alias esmond is mounted under; null, empty or "/" for none
     */
    public EsmondClient(TelemetryHttpClient http, String url, String scriptAlias) {
        this.http = http;
        this.root = BaseUrl.stripTrailingSlash(url.trim());
        String alias = scriptAlias == null ? "" : scriptAlias.trim().replaceAll("^/+|/+$", "");
        this.archive = root + (alias.isEmpty() ? "" : "/" + alias) + "/perfsonar/archive/";
    }

    /** The archive root, e.g. {@code http://host/esmond/perfsonar/archive/}. */
    public String archive() {
        return archive;
    }

    /** A link the server gave (an absolute path, alias included, or a whole URL) as a URL. */
    public String resolve(String link) {
        if (link.startsWith("http://") || link.startsWith("https://")) {
            return link;
        }
        return root + (link.startsWith("/") ? link : "/" + link);
    }

    /** The archive path of a metadata key, or of one of its event types' data (for writes, as post.py builds them). */
    public String path(String metadataKey, String... segments) {
        StringBuilder b = new StringBuilder(archive).append(encodeSegment(metadataKey)).append('/');
        for (String s : segments) {
            b.append(encodeSegment(s)).append('/');
        }
        return b.toString();
    }

    /**
     * Every metadata matching the query: the first page, then the same query with {@code offset} = the items read so
     * far until {@code metadata-count-total} are read (or a page comes back empty). An archive that ignores
     * {@code offset} (a page that repeats a metadata-key) is a typed error, never duplicates or an endless loop.
     */
    public List<EsmondMetadata> metadata(Query query, int pageSize) throws Exception {
        List<EsmondMetadata> all = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        long total = -1;
        while (true) {
            Query page = query.copy().add("limit", pageSize);
            if (!all.isEmpty()) {
                page.add("offset", all.size());
            }
            String uri = archive + page.toQueryString();
            Page result = http.execute(get(uri), response -> readMetadataPage(response, uri));
            for (EsmondMetadata m : result.items) {
                if (!keys.add(m.getMetadataKey())) {
                    throw new TelemetryMalformedResponseException("esmond", "GET", TelemetryHttpClient.sanitise(uri), 200,
                            "application/json",
                            "the metadata " + m.getMetadataKey() + " again at offset " + all.size()
                                    + " (the archive ignored offset): stopped rather than repeating metadata",
                            null, -1, null);
                }
            }
            if (total < 0) {
                total = result.total;
            }
            all.addAll(result.items);
            if (result.items.isEmpty() || total >= 0 && all.size() >= total
                    || total < 0 && result.items.size() < pageSize) {
                return all;
            }
        }
    }

    private record Page(List<EsmondMetadata> items, long total) {
    }

    private static Page readMetadataPage(ClassicHttpResponse response, String uri) throws IOException {
        HttpEntity entity = requireJson(response, uri);
        List<EsmondMetadata> items = new ArrayList<>();
        long total = -1;
        try (JsonParser p = EsmondJson.parser(entity.getContent())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw malformed(response, uri, "a metadata search answers a JSON array", null);
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode node = p.readValueAsTree();
                if (items.isEmpty() && node.hasNonNull("metadata-count-total")) {
                    total = node.get("metadata-count-total").asLong();
                }
                items.add(checked(response, uri, EsmondJson.MAPPER.treeToValue(node, EsmondMetadata.class),
                        "metadata " + items.size()));
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw malformed(response, uri, "the metadata array holds a " + p.currentToken(), null);
            }
            p.nextToken(); // read to the end, so the connection is reused
        } catch (JsonProcessingException e) {
            throw malformed(response, uri, e.getOriginalMessage(), e);
        }
        return new Page(items, total);
    }

    /**
     * esmond's retry rule. Reads and metadata writes (idempotent: the archive answers an existing metadata) are retried
     * on I/O errors, 408, 429 and 5xx. Point writes ({@code postData}, {@code bulk}) are retried on 429 and 503 (the
     * archive did not process the request) and on I/O errors: esmond refuses a point it already holds (409), so a
     * repeated write cannot store a point twice; with {@code skipDuplicates} such a 409 counts the point as skipped.
     */
    public static final RetryRule RETRY_RULE = new RetryRule() {
        @Override
        public boolean isRetryable(ErrorResponse response, boolean idempotent) {
            int status = response.status();
            return status == 429 || status == 503 || idempotent && RetryPolicy.isRetryableStatus(status);
        }

        @Override
        public boolean isRetryable(IOException failure, boolean idempotent) {
            return RetryPolicy.isRetryable(failure);
        }
    };

    /** One metadata by key ({@link EsmondException.NotFound} when the archive has none). */
    public EsmondMetadata metadata(String metadataKey) throws Exception {
        String uri = path(metadataKey);
        return http.execute(get(uri), response -> checked(response, uri, readJson(response, uri, EsmondMetadata.class),
                "the metadata"));
    }

    /** Creates a metadata (201); the server answers an existing one with the same checksum, so this is idempotent. */
    public EsmondMetadata postMetadata(EsmondMetadata metadata) throws Exception {
        byte[] body = EsmondJson.MAPPER.writeValueAsBytes(metadata);
        return http.execute(HttpRequestSpec.post(archive).idempotent(true).header("Accept", "application/json")
                .body(body, JSON), response -> readJson(response, archive, EsmondMetadata.class));
    }

    /**
     * POSTs one point to an event type's base data; retried on 429, 503 and I/O errors ({@link #RETRY_RULE}: a repeat
     * is refused with 409, never stored twice).
     */
    public void postPoint(String metadataKey, String eventType, long ts, Object wireValue,
            Function<ErrorResponse, ? extends Exception> errors) throws Exception {
        String uri = path(metadataKey, eventType, "base");
        uri = uri.substring(0, uri.length() - 1); // {mk}/{event-type}/base, as post.py writes it
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("ts", ts);
        point.put("val", wireValue);
        http.execute(HttpRequestSpec.post(uri).header("Accept", "application/json")
                .body(EsmondJson.MAPPER.writeValueAsBytes(point), JSON).errors(errors));
    }

    /**
     * PUTs a bulk body {@code {"data": [{ts, val: [{event-type, val}]}]}} to a metadata; retried as
     * {@link #postPoint}.
     */
    public void putBulk(String metadataKey, byte[] body) throws Exception {
        http.execute(HttpRequestSpec.of("PUT", path(metadataKey)).idempotent(false)
                .header("Accept", "application/json").body(body, JSON));
    }

    /** Opens one page of data ({@code [{ts, val}]}); the caller reads and closes it. */
    public OpenResponse openData(String uri) throws Exception {
        OpenResponse open = http.open(get(uri));
        try {
            requireJson(open.response(), uri);
        } catch (RuntimeException e) {
            open.close();
            throw e;
        }
        return open;
    }

    /**
     * A metadata the archive answered, checked: it has a metadata-key and every event type entry names its event type;
     * else the typed error naming the field, never a silently skipped or half-read metadata.
     */
    static EsmondMetadata checked(ClassicHttpResponse response, String uri, EsmondMetadata m, String which) {
        if (m.getMetadataKey() == null || m.getMetadataKey().isBlank()) {
            throw malformed(response, uri, which + " has no metadata-key (" + m.getSource() + " -> " + m.getDestination()
                    + ")", null);
        }
        List<EsmondEventType> types = m.getEventTypes() == null
                ? List.of()
                : m.getEventTypes();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == null || types.get(i).getEventType() == null || types.get(i).getEventType().isBlank()) {
                throw malformed(response, uri, which + " (" + m.getMetadataKey() + ") has an event-types[" + i
                        + "] without an event-type", null);
            }
        }
        return m;
    }

    private static HttpRequestSpec get(String uri) {
        return HttpRequestSpec.get(uri).header("Accept", "application/json").authenticated(false);
    }

    private static <T> T readJson(ClassicHttpResponse response, String uri, Class<T> type) throws IOException {
        HttpEntity entity = requireJson(response, uri);
        try (JsonParser p = EsmondJson.parser(entity.getContent())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(response, uri, "expected a JSON object", null);
            }
            T value = EsmondJson.MAPPER.readValue(p, type);
            p.nextToken();
            return value;
        } catch (JsonProcessingException e) {
            throw malformed(response, uri, e.getOriginalMessage(), e);
        }
    }

    /** A 2xx answer must be JSON: anything else (an HTML page, no body) is an error, never an empty result. */
    static HttpEntity requireJson(ClassicHttpResponse response, String uri) {
        HttpEntity entity = response.getEntity();
        String type = entity == null ? null : entity.getContentType();
        String mime = null;
        if (type != null) {
            try {
                mime = ContentType.parse(type).getMimeType();
            } catch (RuntimeException e) {
                mime = null;
            }
        }
        if (entity == null || mime == null || !mime.equalsIgnoreCase("application/json")) {
            throw new TelemetryMalformedResponseException("esmond", null, TelemetryHttpClient.sanitise(uri), response.getCode(),
                    type, entity == null ? "no body" : "not JSON", null, -1, null);
        }
        return entity;
    }

    static TelemetryMalformedResponseException malformed(ClassicHttpResponse response, String uri, String problem,
            Throwable cause) {
        HttpEntity entity = response.getEntity();
        return new TelemetryMalformedResponseException("esmond", null, TelemetryHttpClient.sanitise(uri),
                response.getCode(), entity == null ? null : entity.getContentType(), problem, null, -1, cause);
    }

    /** The typed exception of a final non-2xx answer. */
    public static EsmondException failure(ErrorResponse error) {
        String detail = EsmondJson.detail(error.body());
        return switch (error.status()) {
            case 401, 403 -> new EsmondException.Unauthorized(error, detail);
            case 404 -> new EsmondException.NotFound(error, detail);
            case 409 -> new EsmondException.Conflict(error, detail, null, null);
            default -> new EsmondException(error, detail);
        };
    }

    public TelemetryHttpClient http() {
        return http;
    }

    private static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Query parameters in the order they were added, encoded as the Python client's requests does. */
    public static final class Query {
        private final List<String[]> params = new ArrayList<>();

        public Query add(String name, Object value) {
            if (value != null) {
                params.add(new String[]{ name, String.valueOf(value) });
            }
            return this;
        }

        public Query copy() {
            Query q = new Query();
            q.params.addAll(params);
            return q;
        }

        public boolean isEmpty() {
            return params.isEmpty();
        }

        /** {@code ?a=1&b=2}, or an empty string. */
        public String toQueryString() {
            if (params.isEmpty()) {
                return "";
            }
            StringBuilder b = new StringBuilder("?");
            for (String[] p : params) {
                if (b.length() > 1) {
                    b.append('&');
                }
                b.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return toQueryString();
        }
    }
}
