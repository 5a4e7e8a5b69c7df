package io.cameltelemetry.common.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

import io.cameltelemetry.common.RetryPolicy;
import org.apache.camel.util.URISupport;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request executor every component uses: sends a {@link HttpRequestSpec}, adds credentials through the
 * {@link HttpAuthenticator} (renewing them once on 401), retries what the component's {@link RetryRule} calls transient
 * with the endpoint's {@link RetryPolicy} (full jitter capped by {@code retryMaxDelay}; a server's {@code Retry-After} or
 * rate limit reset, and a {@link RequestPacer}'s spacing, honoured in full), maps a final non-2xx answer to the
 * component's typed exception and bounds everything by the request deadline: a wait that would pass the deadline (or,
 * without a deadline, {@code retryMaxServerWait}) fails at once with a {@link RequestDeadlineException} naming it.
 * <p>
 * The configured secret values and the tokens an authenticator registers ({@link #masker()}) are masked in every error
 * body, reason, header and log line the client produces, so a gateway that echoes a key cannot put it in an exception.
 * <p>
 * Every path, failures included, gives its pooled connection back: a fully read response returns it to the pool; an
 * error body is read up to {@link #MAX_ERROR_BODY} bytes and a response not read to its end is aborted (the connection
 * dropped, never drained), so an endless body cannot hold a thread or a connection.
 * <p>
 * The underlying {@link CloseableHttpClient} may be shared by several executors (one per endpoint); its owner, the
 * component, closes it. An executor holds nothing that needs closing.
 */
public final class TelemetryHttpClient {

    /** The most bytes of an error body read (and kept in the exception). */
    public static final int MAX_ERROR_BODY = 64 * 1024;
    /** The most bytes of an unread success body drained so that the connection can be reused. */
    private static final int MAX_DRAIN = 64 * 1024;
    private static final Set<String> HIDDEN_HEADERS = Set.of("set-cookie", "set-cookie2", "cookie", "authorization",
            "proxy-authorization", "proxy-authenticate");
    private static final ScheduledExecutorService FALLBACK_TIMER = fallbackTimer();

    private final String platform;
    private final CloseableHttpClient http;
    private final RetryPolicy retry;
    private final RetryRule rule;
    private final HttpAuthenticator authenticator;
    private final Function<ErrorResponse, ? extends Exception> errors;
    private final long deadlineMillis;
    private final long maxServerWaitMillis;
    private final RequestPacer pacer;
    private final SecretMasker masker;
    private final Sleeper sleeper;
    private final ScheduledExecutorService timer;
    private final CookieStore cookies;
    private final Logger log;
    private final HealthState health = new HealthState();

    TelemetryHttpClient(TelemetryHttpClientBuilder b) {
        this.platform = b.platform;
        this.http = Objects.requireNonNull(b.http, "http");
        this.retry = b.retry;
        this.rule = b.rule;
        this.authenticator = b.authenticator;
        this.errors = Objects.requireNonNull(b.errors, "errors");
        this.deadlineMillis = b.deadlineMillis;
        this.maxServerWaitMillis = b.maxServerWaitMillis;
        this.pacer = b.pacer;
        this.masker = new SecretMasker(b.secrets);
        this.sleeper = b.sleeper;
        this.timer = b.timer != null ? b.timer : FALLBACK_TIMER;
        this.cookies = b.cookies;
        this.log = b.log != null ? b.log : LoggerFactory.getLogger(TelemetryHttpClient.class);
    }

    /**
     * @param platform the platform's display name for messages, e.g. {@code PYLOT}
     * @param http     the HttpClient (shared; not closed by the executor)
     * @param errors   makes the component's typed exception from a final non-2xx answer
     */
    public static TelemetryHttpClientBuilder builder(String platform, CloseableHttpClient http,
            Function<ErrorResponse, ? extends Exception> errors) {
        return new TelemetryHttpClientBuilder(platform, http, errors);
    }

    /**
     * Sends the request (with retries) and reads a 2xx answer with {@code reader}, all within the deadline.
     *
     * @throws RequestDeadlineException when the deadline passes
     * @throws IOException              on an I/O failure that was not retried or whose retries ran out
     * @throws Exception                the component's typed exception for a final non-2xx answer
     */
    public <T> T execute(HttpRequestSpec spec, ResponseReader<T> reader) throws Exception {
        RequestDeadline deadline = new RequestDeadline(spec, deadlineMillis, timer);
        SentRequest sent = send(spec, deadline);
        boolean done = false;
        try {
            T result = reader == null ? null : reader.read(sent.response);
            sent.finish(MAX_DRAIN);
            done = true;
            return result;
        } catch (IOException e) {
            if (deadline.expired) {
                throw deadline.failure("reading the response body", e);
            }
            throw e;
        } finally {
            deadline.disarm();
            if (!done) {
                sent.abort();
            }
        }
    }

    /** {@link #execute} without reading the body; returns the status. */
    public int execute(HttpRequestSpec spec) throws Exception {
        return execute(spec, ClassicHttpResponse::getCode);
    }

    /**
     * Sends the request (with retries) and hands the 2xx response over for streaming. The deadline covers the request
     * until the response headers arrive; reading the body is bounded by {@code requestTimeout} per read. The caller
     * must close the result: a body read to its end gives the connection back, anything else drops it.
     */
    public OpenResponse open(HttpRequestSpec spec) throws Exception {
        RequestDeadline deadline = new RequestDeadline(spec, deadlineMillis, timer);
        SentRequest sent = send(spec, deadline);
        deadline.disarm();
        return new OpenResponse(sent);
    }

    /**
     * One request until a 2xx answer: each attempt is prepared (credentials, cookies, pacing), transmitted under the
     * deadline, and a failure is retried, renewed (401) or mapped to the component's exception.
     */
    private SentRequest send(HttpRequestSpec spec, RequestDeadline deadline) throws Exception {
        boolean renewed = false;
        int attempt = 0;
        while (true) {
            HttpClientContext context = HttpClientContext.create();
            HttpUriRequestBase request = prepare(spec, context, deadline);
            deadline.arm(request); // stays armed while a 2xx body is read
            ClassicHttpResponse response;
            try {
                response = http.executeOpen(null, request, context);
            } catch (IOException e) {
                onTransportFailure(spec, deadline, attempt++, e);
                continue;
            }
            SentRequest sent = new SentRequest(request, response);
            if (sent.isSuccess()) {
                health.succeeded();
                return sent;
            }
            ErrorResponse error = readErrorWithin(spec, deadline, sent);
            if (error.status() == 401 && spec.isAuthenticated() && !renewed && authenticator.renew(error, this)) {
                renewed = true;
                continue;
            }
            if (attempt < retry.maxRetries() && rule.isRetryable(error, spec.isIdempotent())) {
                waitToRetry(spec, deadline, attempt++, rule.retryAfterMillis(error), "HTTP " + error.status(), null);
                continue;
            }
            throw finalFailure(spec, error);
        }
    }

    /** Builds the attempt's request with its cookies and credentials, after the pacer's turn. */
    private HttpUriRequestBase prepare(HttpRequestSpec spec, HttpClientContext context, RequestDeadline deadline)
            throws Exception {
        HttpUriRequestBase request = spec.build();
        if (cookies != null) {
            context.setCookieStore(cookies);
        }
        if (spec.isAuthenticated()) {
            authenticator.authenticate(request, context, this);
        }
        if (pacer != null) {
            long turn = pacer.reserve();
            if (turn > 0) {
                serverWait(spec, deadline, turn, "the pacing of " + platform + " requests asks for a wait of " + turn
                        + " ms", null);
            }
        }
        return request;
    }

    /** An I/O failure of an attempt: retried when the rule allows it and retries are left, else thrown. */
    private void onTransportFailure(HttpRequestSpec spec, RequestDeadline deadline, int attempt, IOException e)
            throws IOException {
        deadline.disarm();
        if (deadline.expired) {
            throw health.failed(deadline.failure("waiting for the response", e));
        }
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            throw e;
        }
        if (attempt >= retry.maxRetries() || !rule.isRetryable(e, spec.isIdempotent())) {
            throw health.failed(e);
        }
        waitToRetry(spec, deadline, attempt, -1, masker.mask(e.toString()), e);
    }

    /** Reads a non-2xx answer (bounded) and ends its exchange; the deadline is disarmed either way. */
    private ErrorResponse readErrorWithin(HttpRequestSpec spec, RequestDeadline deadline, SentRequest sent)
            throws IOException {
        try {
            return readError(spec, sent);
        } catch (IOException e) {
            sent.abort();
            if (deadline.expired) {
                throw health.failed(deadline.failure("reading an HTTP " + sent.status() + " response", e));
            }
            throw health.failed(e);
        } finally {
            deadline.disarm();
        }
    }

    /** The component's exception for a final non-2xx answer; counted against the health only when it is the service's. */
    private Exception finalFailure(HttpRequestSpec spec, ErrorResponse error) {
        Exception failure = (spec.errors() != null ? spec.errors() : errors).apply(error);
        if (isServiceFailure(error.status())) {
            health.failed(failure);
        } else {
            health.succeeded(); // the platform answered: a refused request says nothing about its health
        }
        return failure;
    }

    /** Statuses that say the platform (or our access to it) is not working: 5xx, 401, 403, 408, 429. */
    private static boolean isServiceFailure(int status) {
        return status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
    }

    private void waitToRetry(HttpRequestSpec spec, RequestDeadline deadline, int attempt, long retryAfterMillis, String why,
            Throwable cause) throws IOException {
        if (retryAfterMillis >= 0) {
            // the server's wait, in full: never shortened by retryMaxDelay, bounded by the deadline
            serverWait(spec, deadline, retryAfterMillis, "after " + why + ", the server asked to wait " + retryAfterMillis
                    + " ms before the retry", cause);
            log.warn("{} request {} {} failed ({}); retry {}/{} after the {} ms the server asked for", platform,
                    spec.method(), sanitise(spec.uri()), why, attempt + 1, retry.maxRetries(), retryAfterMillis);
            return;
        }
        long delay = retry.delayMillis(attempt, -1);
        if (deadline.enabled() && delay >= deadline.remainingMillis()) {
            throw health.failed(deadline.failure("after " + why + ", the next retry in " + delay + " ms would pass it",
                    cause));
        }
        log.warn("{} request {} {} failed ({}); retry {}/{} in {} ms", platform, spec.method(), sanitise(spec.uri()), why,
                attempt + 1, retry.maxRetries(), delay);
        sleep(delay);
    }

    /**
     * Waits what the server (or the pacer) asked for, in full, or fails at once when that is more than what is left of
     * the deadline (without one: more than {@code retryMaxServerWait}).
     */
    private void serverWait(HttpRequestSpec spec, RequestDeadline deadline, long waitMillis, String what, Throwable cause)
            throws IOException {
        if (deadline.enabled()) {
            long left = deadline.remainingMillis();
            if (waitMillis >= left) {
                throw health.failed(deadline.failure(what + ", more than the " + Math.max(0, left)
                        + " ms left of the deadline", cause));
            }
        } else if (waitMillis > maxServerWaitMillis) {
            throw health.failed(new RequestDeadlineException(spec.method(), sanitise(spec.uri()), 0,
                    what + ", more than retryMaxServerWait (" + maxServerWaitMillis + " ms)", cause));
        }
        sleep(waitMillis);
    }

    private void sleep(long millis) throws InterruptedIOException {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("Interrupted while waiting to retry the " + platform
                    + " request");
            io.initCause(e);
            throw io;
        }
    }

    private ErrorResponse readError(HttpRequestSpec spec, SentRequest sent) throws IOException {
        ClassicHttpResponse response = sent.response;
        String text = null;
        boolean truncated = false;
        if (sent.body != null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while (buffer.size() < MAX_ERROR_BODY
                    && (n = sent.body.read(chunk, 0, Math.min(chunk.length, MAX_ERROR_BODY - buffer.size()))) >= 0) {
                buffer.write(chunk, 0, n);
            }
            truncated = !sent.body.eof && sent.body.read() >= 0;
            text = masker.mask(buffer.toString(charset(response.getEntity())));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            if (!HIDDEN_HEADERS.contains(h.getName().toLowerCase(Locale.ROOT))) {
                headers.merge(h.getName(), masker.mask(h.getValue()), (a, b) -> a + ", " + b);
            }
        }
        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
        ErrorResponse error = new ErrorResponse(spec.method(), masker.mask(sanitise(spec.uri())), response.getCode(),
                response.getReasonPhrase() == null ? "" : masker.mask(response.getReasonPhrase()),
                location == null ? null : masker.mask(location.getValue()), headers, text, truncated);
        if (truncated) {
            sent.abort();
        } else {
            sent.closeQuietly();
        }
        return error;
    }

    private static Charset charset(HttpEntity entity) {
        try {
            ContentType type = entity == null || entity.getContentType() == null
                    ? null
                    : ContentType.parse(entity.getContentType());
            return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A URI as messages and logs show it: no user info, secret-looking query values masked. */
    public static String sanitise(String uri) {
        return URISupport.sanitizeUri(uri);
    }

    /**
     * The secret values of this client: masks text that may quote them (an answer's body) before it goes into an
     * exception or a log line; an authenticator adds the tokens it obtains.
     */
    public SecretMasker masker() {
        return masker;
    }

    /** The outcome of the last requests, for health checks. */
    public HealthState health() {
        return health;
    }

    @Override
    public String toString() {
        return "TelemetryHttpClient[" + platform + ", " + retry + ", deadline=" + deadlineMillis + " ms]";
    }

    private static ScheduledExecutorService fallbackTimer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "camel-telemetry-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
