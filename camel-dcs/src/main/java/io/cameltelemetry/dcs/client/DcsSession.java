package io.cameltelemetry.dcs.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.dcs.DcsApiVersion;
import io.cameltelemetry.dcs.DcsException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DCS session: a sign-in cookie set (a real cookie store keeps every cookie the server sets), signed in lazily,
 * signed in again once on a 401, signed out on close. Like pythondcs's per-session lock, one transaction at a time:
 * a request holds the session until its response, streamed body included, is closed. Parallelism comes from separate
 * sessions. Without credentials the public API's {@code /public/...} paths are used and nothing is signed in.
 * <p>
 * The HTTP client (timeouts, TLS) belongs to the session; the retry policy comes with each request (from the
 * endpoint that makes it).
 */
public final class DcsSession implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DcsSession.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final RetryPolicy NO_RETRY = new RetryPolicy(0, 0, 0);
    static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final DcsApiVersion api;
    private final String base;
    private final String username;
    private final String password;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final BasicCookieStore cookies = new BasicCookieStore();
    private final Semaphore lock = new Semaphore(1, true);
    private final long busyTimeoutMs;
    private volatile Thread owner;
    private volatile boolean signedIn;
    private volatile String role;

    /**
     * @param busyTimeoutMs how long a request waits for the session while another transaction (or an open streamed
     *                      body) holds it
     */
    public DcsSession(DcsApiVersion api, String baseUrl, String username, String password, CloseableHttpClient http,
                      boolean ownsHttp, long busyTimeoutMs) {
        this.api = api;
        String b = baseUrl.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password;
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    /** A pooled HttpClient 5 client: gzip accepted, no redirects, no built-in retries, the given timeouts and TLS. */
    public static CloseableHttpClient createHttpClient(long connectTimeoutMs, long requestTimeoutMs, SSLContext ssl) {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(10).setMaxConnPerRoute(10)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                        .setSocketTimeout(Timeout.ofMilliseconds(requestTimeoutMs)).build());
        if (ssl != null) {
            pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
        }
        return HttpClients.custom().setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(requestTimeoutMs))
                        .setRedirectsEnabled(false).build())
                .disableAutomaticRetries().disableRedirectHandling().setUserAgent("camel-dcs").build();
    }

    public boolean isAuthenticated() {
        return username != null;
    }

    /** The role the server reported at sign-in (opaque), or null. */
    public String getRole() {
        return role;
    }

    /** The absolute URL of an API method such as {@code readings?id=R1} or {@code registerReadings/list?...}. */
    public String url(String method) {
        if (api == DcsApiVersion.LEGACY) {
            return base + "/api/" + method;
        }
        return base + (isAuthenticated() ? "/" : "/public/") + method;
    }

    /** An open response: the session stays taken until it is closed. */
    public final class OpenResponse implements Closeable {
        private final ClassicHttpResponse response;
        private final String uri;
        private final AtomicBoolean closed = new AtomicBoolean();

        OpenResponse(ClassicHttpResponse response, String uri) {
            this.response = response;
            this.uri = uri;
        }

        public InputStream body() throws IOException {
            return response.getEntity().getContent();
        }

        public String uri() {
            return uri;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    response.close();
                } catch (IOException e) {
                    LOG.debug("Closing the DCS response of {} failed", uri, e);
                } finally {
                    release();
                }
            }
        }
    }

    /**
     * GETs an API method; the caller must close the result. Retries I/O errors and 502/503/504 with backoff, waits out
     * 429 (Retry-After, else backOffSuggestion), signs in again once on 401.
     *
     * @throws DcsException on a non-2xx answer
     */
    public OpenResponse get(String method, RetryPolicy retry) throws Exception {
        String uri = url(method);
        take();
        boolean handedOver = false;
        try {
            if (isAuthenticated() && !signedIn) {
                signIn(retry);
            }
            ClassicHttpResponse response = execute(new HttpGet(uri), true, retry);
            if (response.getCode() == 401 && isAuthenticated()) {
                EntityUtils.consumeQuietly(response.getEntity());
                response.close();
                LOG.info("DCS session for {} expired (401); signing in again", base);
                signedIn = false;
                signIn(retry);
                response = execute(new HttpGet(uri), true, retry);
            }
            if (response.getCode() < 200 || response.getCode() >= 300) {
                throw failure(response, uri);
            }
            handedOver = true;
            return new OpenResponse(response, uri);
        } finally {
            if (!handedOver) {
                release();
            }
        }
    }

    /** GETs an API method and reads the whole JSON body as {@code type}; unknown properties are ignored. */
    public <T> T getJson(String method, TypeReference<T> type, RetryPolicy retry) throws Exception {
        try (OpenResponse response = get(method, retry); InputStream in = response.body()) {
            return JSON.readValue(in, type);
        }
    }

    private void take() throws IOException {
        if (owner == Thread.currentThread()) {
            throw new IllegalStateException("This thread still holds the DCS session " + this + " with an open streamed "
                                            + "readings body: consume it (split(body()).streaming()) or close it before "
                                            + "the next DCS call, or read with streaming=false");
        }
        try {
            if (!lock.tryAcquire(busyTimeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IOException("Waited " + busyTimeoutMs + " ms for the DCS session " + this + ", which runs one "
                                      + "transaction at a time; an open streamed body holds it until it is consumed");
            }
            owner = Thread.currentThread();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the DCS session");
        }
    }

    private void release() {
        owner = null;
        lock.release();
    }

    private ClassicHttpResponse execute(HttpUriRequestBase request, boolean idempotent, RetryPolicy retry) throws Exception {
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(cookies);
        for (int attempt = 0;; attempt++) {
            ClassicHttpResponse response;
            try {
                response = http.executeOpen(null, request, context);
            } catch (IOException e) {
                boolean interrupted = e instanceof InterruptedIOException && Thread.currentThread().isInterrupted();
                if (interrupted || !idempotent || attempt >= retry.maxRetries() || !RetryPolicy.isRetryable(e)) {
                    throw e;
                }
                waitToRetry(retry, attempt, null, request, e.toString());
                continue;
            }
            int status = response.getCode();
            boolean transientStatus = status == 429 || idempotent && (status == 502 || status == 503 || status == 504);
            if (!transientStatus || attempt >= retry.maxRetries()) {
                return response;
            }
            String retryAfter = header(response, HttpHeaders.RETRY_AFTER);
            if (status == 429 && RetryPolicy.parseRetryAfter(retryAfter) < 0) {
                retryAfter = backOffSuggestion(response);
            } else {
                EntityUtils.consumeQuietly(response.getEntity());
            }
            response.close();
            waitToRetry(retry, attempt, retryAfter, request, "HTTP " + status);
        }
    }

    private static void waitToRetry(RetryPolicy retry, int attempt, String retryAfter, HttpUriRequestBase request, String why)
            throws Exception {
        long delay = retry.delayMillis(attempt, retryAfter);
        LOG.warn("DCS request {} {} failed ({}); retry {}/{} in {} ms", request.getMethod(), request.getRequestUri(), why,
                attempt + 1, retry.maxRetries(), delay);
        RetryPolicy.sleep(delay, "the DCS request");
    }

    /** 429 body {@code {"details", "backOffSuggestion": seconds}} as a Retry-After value, or null. */
    private static String backOffSuggestion(ClassicHttpResponse response) {
        try {
            String body = response.getEntity() == null ? null : EntityUtils.toString(response.getEntity(), MAX_ERROR_BODY);
            JsonNode suggestion = body == null ? null : JSON.readTree(body).get("backOffSuggestion");
            return suggestion != null && suggestion.canConvertToLong() ? String.valueOf(suggestion.asLong()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void signIn(RetryPolicy retry) throws Exception {
        String uri = api == DcsApiVersion.LEGACY ? base + "/api/account/login/" : base + "/authentication/signin";
        HttpPost post = new HttpPost(uri);
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        cookies.clear();
        try (ClassicHttpResponse response = execute(post, false, retry)) {
            if (response.getCode() < 200 || response.getCode() >= 300) {
                throw failure(response, uri);
            }
            String text = response.getEntity() == null ? null : EntityUtils.toString(response.getEntity(), MAX_ERROR_BODY);
            if (text != null && !text.isBlank()) {
                JsonNode who = JSON.readTree(text);
                role = who.path("role").asText(null);
            }
            signedIn = true;
            LOG.debug("Signed in to DCS {} (role {})", base, role);
        }
    }

    /** Signs out (public: {@code authentication/signout}; legacy: {@code account/logout}); errors are only logged. */
    public void signOut() {
        if (!signedIn) {
            return;
        }
        String uri = api == DcsApiVersion.LEGACY ? base + "/api/account/logout/" : base + "/authentication/signout";
        try {
            take();
            try (ClassicHttpResponse response = execute(new HttpPost(uri), false, NO_RETRY)) {
                EntityUtils.consumeQuietly(response.getEntity());
                LOG.debug("Signed out of DCS {} ({})", base, response.getCode());
            } finally {
                signedIn = false;
                cookies.clear();
                release();
            }
        } catch (Exception e) {
            LOG.debug("Signing out of DCS {} failed: {}", base, e.toString());
        }
    }

    private static DcsException failure(ClassicHttpResponse response, String uri) throws IOException {
        try {
            String body = response.getEntity() == null ? null : EntityUtils.toString(response.getEntity(), MAX_ERROR_BODY);
            String details = null;
            if (body != null && !body.isBlank()) {
                try {
                    JsonNode json = JSON.readTree(body);
                    details = json.hasNonNull("details") ? json.get("details").asText() : null;
                } catch (IOException notJson) {
                    // keep the raw body only
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : response.getHeaders()) {
                if (!h.getName().equalsIgnoreCase("Set-Cookie")) {
                    headers.put(h.getName(), h.getValue());
                }
            }
            return new DcsException(uri, response.getCode(), response.getReasonPhrase(), headers, body, details);
        } catch (org.apache.hc.core5.http.ParseException e) {
            throw new IOException(e);
        } finally {
            response.close();
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Signs out and, if this session created its HTTP client, closes it. */
    @Override
    public void close() throws IOException {
        signOut();
        if (ownsHttp) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "DcsSession[" + api + " " + base + (username == null ? " (public)" : " (signed-in user)") + "]";
    }
}
