package io.cameltelemetry.pylot.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.pylot.PylotBatch;
import io.cameltelemetry.pylot.PylotException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that knows PYLOT's HTTP protocol: {@code POST {baseUrl}/api/measurements} with pre-emptive HTTP Basic
 * auth and a JSON array of at most {@code maxRowsPerRequest} rows, retried on transient failures.
 */
public final class PylotClient implements Closeable {

    public static final String PATH = "/api/measurements";
    private static final Logger LOG = LoggerFactory.getLogger(PylotClient.class);
    /** The reference sends {@code Content-type: application/json} without a charset; the body is pure ASCII. */
    private static final ContentType JSON = ContentType.create("application/json", (java.nio.charset.Charset) null);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final String uri;
    private final String authorization;
    private final RetryPolicy retry;

    /**
     * @param http          the HTTP client
     * @param ownsHttp      whether {@link #close()} closes {@code http}
     * @param baseUrl       e.g. {@code https://input-api.pylot.app}, without credentials
     * @param username      PYLOT login
     * @param password      PYLOT password
     * @param retry         retry policy
     */
    public PylotClient(CloseableHttpClient http, boolean ownsHttp, String baseUrl, String username, String password,
                       RetryPolicy retry) {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.uri = stripTrailingSlash(baseUrl) + PATH;
        // python-requests (the reference) encodes Basic credentials as ISO-8859-1; the caller validated the range
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
        this.authorization = "Basic " + token;
        this.retry = retry;
    }

    /** A pooled HttpClient 5 client with PYLOT's settings: timeouts, TLS, no redirects, no built-in retries. */
    public static CloseableHttpClient createHttpClient(long connectTimeoutMs, long requestTimeoutMs, SSLContext sslContext) {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(20)
                .setMaxConnPerRoute(20)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                        .setSocketTimeout(Timeout.ofMilliseconds(requestTimeoutMs))
                        .build());
        if (sslContext != null) {
            pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext));
        }
        return HttpClients.custom()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(requestTimeoutMs))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("camel-pylot")
                .build();
    }

    /** The request URI, safe to log: base URL plus path, never credentials. */
    public String getUri() {
        return uri;
    }

    /** What one {@link #send} did. */
    public record Result(int rows, int requests, long measurements) {
    }

    /**
     * Sends all rows of {@code batch} in order, {@code maxRows} per request. An empty batch sends nothing. When a
     * request fails for good, the rows of earlier requests stay sent (PYLOT overwrites on resend).
     *
     * @throws PylotException on a non-2xx answer after retries
     * @throws IOException    on an I/O error after retries
     */
    public Result send(String adapter, PylotBatch batch, int maxRows) throws Exception {
        if (batch.isEmpty()) {
            return new Result(0, 0, 0);
        }
        Chunker chunker = new Chunker(adapter, maxRows);
        batch.forEachRow(chunker::add);
        chunker.flush();
        return new Result(chunker.sentRows, chunker.requests, batch.measurementCount());
    }

    private final class Chunker {
        private final String adapter;
        private final int maxRows;
        private final Buffer buffer = new Buffer();
        private JsonGenerator gen;
        private int rowsInChunk;
        private int sentRows;
        private int requests;

        Chunker(String adapter, int maxRows) {
            this.adapter = adapter;
            this.maxRows = maxRows;
        }

        void add(String node, java.time.LocalDateTime ts, Map<String, Number> data) throws Exception {
            if (gen == null) {
                buffer.reset();
                gen = PylotJsonWriter.open(buffer);
            }
            PylotJsonWriter.writeRow(gen, adapter, node, ts, data);
            if (++rowsInChunk == maxRows) {
                flush();
            }
        }

        void flush() throws Exception {
            if (gen == null) {
                return;
            }
            PylotJsonWriter.close(gen);
            gen = null;
            post(buffer, rowsInChunk, sentRows);
            requests++;
            sentRows += rowsInChunk;
            rowsInChunk = 0;
        }
    }

    private void post(Buffer body, int rows, int rowsSentBefore) throws Exception {
        for (int attempt = 0;; attempt++) {
            HttpPost post = new HttpPost(uri);
            post.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            post.setEntity(new ByteArrayEntity(body.array(), 0, body.size(), JSON));
            Outcome outcome;
            try {
                outcome = http.execute(post, response -> {
                    int status = response.getCode();
                    if (status >= 200 && status < 300) {
                        EntityUtils.consume(response.getEntity());
                        return Outcome.OK;
                    }
                    String text = response.getEntity() == null
                            ? null : EntityUtils.toString(response.getEntity(), MAX_ERROR_BODY);
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : response.getHeaders()) {
                        headers.put(h.getName(), h.getValue());
                    }
                    Header location = response.getFirstHeader(HttpHeaders.LOCATION);
                    return new Outcome(new PylotException(uri, status, response.getReasonPhrase(),
                            location == null ? null : location.getValue(), headers, text, rowsSentBefore),
                            headers.get(HttpHeaders.RETRY_AFTER));
                });
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                outcome = new Outcome(e, null);
            }
            if (outcome.failure == null) {
                LOG.debug("Sent {} rows to {}", rows, uri);
                return;
            }
            boolean retryable = outcome.failure instanceof PylotException pe
                    ? RetryPolicy.isRetryableStatus(pe.getStatusCode())
                    : RetryPolicy.isRetryable((IOException) outcome.failure);
            if (!retryable || attempt >= retry.maxRetries()) {
                throw outcome.failure;
            }
            long delay = retry.delayMillis(attempt, outcome.retryAfter);
            LOG.warn("PYLOT request to {} failed ({}); retry {}/{} in {} ms", uri, describe(outcome.failure),
                    attempt + 1, retry.maxRetries(), delay);
            RetryPolicy.sleep(delay, "the PYLOT request");
        }
    }

    private static String describe(Exception failure) {
        if (failure instanceof PylotException pe) {
            return "HTTP " + pe.getStatusCode();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private record Outcome(Exception failure, String retryAfter) {
        static final Outcome OK = new Outcome(null, null);
    }

    /** A byte buffer whose array is handed to the request entity without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }

    private static String stripTrailingSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    @Override
    public void close() throws IOException {
        if (ownsHttp) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "PylotClient[" + uri + "]";
    }
}
