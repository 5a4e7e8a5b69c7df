package io.cameltelemetry.common.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import io.cameltelemetry.common.RetryPolicy;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;

/**
 * Builds a {@link TelemetryHttpClient}; start with {@link TelemetryHttpClient#builder} or, in an endpoint,
 * {@code TelemetryComponent.httpClientBuilder} (which sets the sleeper, the deadline timer and the endpoint's options).
 */
public final class TelemetryHttpClientBuilder {
    final String platform;
    final CloseableHttpClient http;
    final Function<ErrorResponse, ? extends Exception> errors;
    RetryPolicy retry = RetryPolicy.NONE;
    RetryRule rule = RetryRule.DEFAULT;
    HttpAuthenticator authenticator = HttpAuthenticator.NONE;
    long deadlineMillis;
    long maxServerWaitMillis = TelemetryHttpConfiguration.DEFAULT_RETRY_MAX_SERVER_WAIT;
    RequestPacer pacer;
    final List<String> secrets = new ArrayList<>();
    Sleeper sleeper = Sleeper.REAL;
    ScheduledExecutorService timer;
    CookieStore cookies;
    Logger log;

    TelemetryHttpClientBuilder(String platform, CloseableHttpClient http, Function<ErrorResponse, ? extends Exception> errors) {
        this.platform = platform;
        this.http = http;
        this.errors = errors;
    }

    public TelemetryHttpClientBuilder retry(RetryPolicy retry) {
        this.retry = retry;
        return this;
    }

    public TelemetryHttpClientBuilder rule(RetryRule rule) {
        this.rule = rule;
        return this;
    }

    public TelemetryHttpClientBuilder authenticator(HttpAuthenticator authenticator) {
        this.authenticator = authenticator;
        return this;
    }

    /** The overall deadline of one request in ms (0 = none). */
    public TelemetryHttpClientBuilder deadline(long millis) {
        this.deadlineMillis = millis;
        return this;
    }

    /** The longest server wait (Retry-After, rate limit reset, pacing) honoured when there is no deadline, ms. */
    public TelemetryHttpClientBuilder maxServerWait(long millis) {
        this.maxServerWaitMillis = millis;
        return this;
    }

    /** Spaces the requests (asked before every attempt). */
    public TelemetryHttpClientBuilder pacer(RequestPacer pacer) {
        this.pacer = pacer;
        return this;
    }

    /** Values masked in every error body, header and log line of the client (nulls and blanks ignored). */
    public TelemetryHttpClientBuilder secrets(Collection<String> values) {
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).forEach(secrets::add);
        }
        return this;
    }

    public TelemetryHttpClientBuilder sleeper(Sleeper sleeper) {
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
        return this;
    }

    /** Runs the deadline timers (the component passes Camel's); a shared daemon thread otherwise. */
    public TelemetryHttpClientBuilder timer(ScheduledExecutorService timer) {
        this.timer = timer;
        return this;
    }

    /** The cookie store of a cookie session (the HttpClient must handle cookies). */
    public TelemetryHttpClientBuilder cookies(CookieStore cookies) {
        this.cookies = cookies;
        return this;
    }

    /** The logger retries are reported on (the component's). */
    public TelemetryHttpClientBuilder log(Logger log) {
        this.log = log;
        return this;
    }

    /** Takes retries, deadline, the largest server wait and the secrets to mask from an endpoint's configuration. */
    public TelemetryHttpClientBuilder options(TelemetryHttpConfiguration options) {
        return retry(options.retryPolicy()).deadline(options.getRequestDeadline())
                .maxServerWait(options.getRetryMaxServerWait()).secrets(options.secretValues());
    }

    public TelemetryHttpClient build() {
        return new TelemetryHttpClient(this);
    }
}
