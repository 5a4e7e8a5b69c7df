package io.cameltelemetry.dcs.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.common.SharedResources;
import io.cameltelemetry.common.TelemetryEndpointSupport;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpAuthenticator;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.OpenResponse;
import io.cameltelemetry.common.http.RetryRule;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.dcs.DcsApiVersion;
import io.cameltelemetry.dcs.DcsException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DCS session: a sign-in cookie set (a real cookie store keeps every cookie the server sets), signed in lazily,
 * signed in again once on a 401 (the shared client's {@link HttpAuthenticator} hook), signed out on close. Like
 * pythondcs's per-session lock, one transaction at a time: a request holds the session until its response, streamed
 * body included, is closed. Parallelism comes from separate sessions. Without credentials the public API's
 * {@code /public/...} paths are used and nothing is signed in.
 * <p>
 * The session owns its cookies and sign-in state and holds a lease on the component's HTTP client; each endpoint sends
 * through its own {@link #client(TelemetryEndpointSupport) executor} (its retry settings and deadline) on this session.
 */
public final class DcsSession implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DcsSession.class);
    static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * DCS's transient failures: 429 for every request (the server did not apply it), 502/503/504 for idempotent ones.
     * A 429 without Retry-After waits the body's backOffSuggestion.
     */
    static final RetryRule RULE = new RetryRule() {
        @Override
        public boolean isRetryable(ErrorResponse response, boolean idempotent) {
            int s = response.status();
            return s == 429 || idempotent && (s == 502 || s == 503 || s == 504);
        }

        @Override
        public long retryAfterMillis(ErrorResponse response) {
            long header = RetryRule.super.retryAfterMillis(response);
            if (header >= 0 || response.status() != 429 || response.body() == null) {
                return header;
            }
            try {
                JsonNode suggestion = JSON.readTree(response.body()).get("backOffSuggestion");
                return suggestion != null && suggestion.canConvertToLong()
                        ? RetryPolicy.parseRetryAfter(String.valueOf(suggestion.asLong()))
                        : -1;
            } catch (IOException | RuntimeException notJson) {
                return -1;
            }
        }
    };

    private final DcsApiVersion api;
    private final String base;
    private final String username;
    private final String password;
    private final SharedResources.Lease<CloseableHttpClient> http;
    private final BasicCookieStore cookies = new BasicCookieStore();
    private final Semaphore lock = new Semaphore(1, true);
    private final long busyTimeoutMs;
    private final HttpAuthenticator signIn = new SignIn();
    private final TelemetryHttpClient signOutClient;
    private volatile Thread owner;
    private volatile boolean signedIn;
    private volatile String role;

    /**
     * @param http          a lease on an HTTP client that handles cookies; released when the session closes
     * @param busyTimeoutMs how long a request waits for the session while another transaction (or an open streamed
     *                      body) holds it
     */
    public DcsSession(DcsApiVersion api, String baseUrl, String username, String password,
            SharedResources.Lease<CloseableHttpClient> http, long busyTimeoutMs) {
        this.api = api;
        this.base = BaseUrl.stripTrailingSlash(baseUrl);
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password;
        this.http = http;
        this.busyTimeoutMs = busyTimeoutMs;
        this.signOutClient = TelemetryHttpClient.builder("DCS", http.get(), DcsSession::failure).cookies(cookies)
                .deadline(busyTimeoutMs).log(LOG).build();
    }

    /**
     * An executor for one endpoint on this session's cookies and sign-in: the endpoint gives its retry settings,
     * deadline, sleeper and timer.
     */
    public TelemetryHttpClient client(TelemetryEndpointSupport endpoint) {
        return endpoint.httpClientBuilder("DCS", http.get(), DcsSession::failure, LOG)
                .rule(RULE)
                .authenticator(isAuthenticated() ? signIn : HttpAuthenticator.NONE)
                .cookies(cookies)
                .build();
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
    public final class LockedResponse implements Closeable {
        private final OpenResponse response;
        private final String uri;
        private final AtomicBoolean closed = new AtomicBoolean();

        LockedResponse(OpenResponse response, String uri) {
            this.response = response;
            this.uri = uri;
        }

        public InputStream body() {
            return response.body();
        }

        public String uri() {
            return uri;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    response.close();
                } finally {
                    release();
                }
            }
        }
    }

    /**
     * GETs an API method; the caller must close the result. Retries and waits as {@link #RULE} says, signs in again
     * once on 401.
     *
     * @throws DcsException on a non-2xx answer
     */
    public LockedResponse get(String method, TelemetryHttpClient client) throws Exception {
        String uri = url(method);
        take();
        boolean handedOver = false;
        try {
            OpenResponse response = client.open(HttpRequestSpec.get(uri)
                    .header(HttpHeaders.ACCEPT, "application/json"));
            handedOver = true;
            return new LockedResponse(response, TelemetryHttpClient.sanitise(uri));
        } finally {
            if (!handedOver) {
                release();
            }
        }
    }

    /** GETs an API method and reads the whole JSON body as {@code type}; unknown properties are ignored. */
    public <T> T getJson(String method, TypeReference<T> type, TelemetryHttpClient client)
            throws Exception {
        String uri = url(method);
        take();
        try {
            return client.execute(HttpRequestSpec.get(uri).header(HttpHeaders.ACCEPT, "application/json"),
                    response -> JSON.readValue(response.getEntity().getContent(), type));
        } finally {
            release();
        }
    }

    private void take() throws IOException {
        if (owner == Thread.currentThread()) {
            throw new IllegalStateException("This thread still holds the DCS session " + this + " with an open streamed "
                    + "readings body: consume it (split(body()).streaming()) or close it before "
                    + "the next DCS call, or read with streaming=false");
        }
        try {
            if (!lock.tryAcquire(busyTimeoutMs, TimeUnit.MILLISECONDS)) {
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

    /** Signs in before the first request and again once after a 401. */
    private final class SignIn implements HttpAuthenticator {
        @Override
        public void authenticate(HttpUriRequestBase request, HttpClientContext context, TelemetryHttpClient client)
                throws Exception {
            if (!signedIn) {
                signIn(client);
            }
        }

        @Override
        public boolean renew(ErrorResponse refused, TelemetryHttpClient client) throws Exception {
            LOG.info("DCS session for {} expired (401); signing in again", base);
            signedIn = false;
            signIn(client);
            return true;
        }
    }

    private void signIn(TelemetryHttpClient client) throws Exception {
        String uri = api == DcsApiVersion.LEGACY ? base + "/api/account/login/" : base + "/authentication/signin";
        byte[] body = JSON.createObjectNode().put("username", username).put("password", password).toString()
                .getBytes(StandardCharsets.UTF_8);
        cookies.clear();
        String text = client.execute(HttpRequestSpec.post(uri).authenticated(false)
                .header(HttpHeaders.ACCEPT, "application/json")
                .body(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)),
                response -> response.getEntity() == null
                        ? null
                        : EntityUtils.toString(response.getEntity(), TelemetryHttpClient.MAX_ERROR_BODY));
        if (text != null && !text.isBlank()) {
            role = JSON.readTree(text).path("role").asText(null);
        }
        signedIn = true;
        LOG.debug("Signed in to DCS {} (role {})", base, role);
    }

    /** Signs out (public: {@code authentication/signout}; legacy: {@code account/logout}); errors are only logged. */
    public void signOut() {
        if (!signedIn) {
            return;
        }
        String uri = api == DcsApiVersion.LEGACY ? base + "/api/account/logout/" : base + "/authentication/signout";
        try {
            take();
            try {
                int status = signOutClient.execute(HttpRequestSpec.post(uri).authenticated(false)
                        .header(HttpHeaders.ACCEPT, "application/json"));
                LOG.debug("Signed out of DCS {} ({})", base, status);
            } finally {
                signedIn = false;
                cookies.clear();
                release();
            }
        } catch (Exception e) {
            LOG.debug("Signing out of DCS {} failed: {}", base, e.toString());
        }
    }

    /** A final non-2xx answer as a DcsException with the server's {@code details}. */
    static DcsException failure(ErrorResponse error) {
        String details = null;
        if (error.body() != null && !error.body().isBlank()) {
            try {
                JsonNode json = JSON.readTree(error.body());
                details = json.hasNonNull("details") ? json.get("details").asText() : null;
            } catch (IOException | RuntimeException notJson) {
                // keep the raw body only
            }
        }
        return new DcsException(error, details);
    }

    /** Signs out and releases the HTTP client. */
    @Override
    public void close() {
        try {
            signOut();
        } finally {
            http.release();
        }
    }

    @Override
    public String toString() {
        return "DcsSession[" + api + " " + base + (username == null ? " (public)" : " (signed-in user)") + "]";
    }
}
