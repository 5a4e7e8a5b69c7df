package io.cameltelemetry.common;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpClientFactory;
import io.cameltelemetry.common.http.Sleeper;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.common.http.TelemetryHttpClientBuilder;
import io.cameltelemetry.common.http.TelemetryHttpConfiguration;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;

/**
 * The base of every camel-telemetry component: component-level TLS ({@code useGlobalSslContextParameters}), the
 * producer health check switch, the timer that enforces request deadlines (from Camel's ExecutorServiceManager), and
 * the one ownership model of HTTP clients and sessions: the component owns them, shared between endpoints whose HTTP
 * options are equal and reference-counted by the endpoints using them ({@link SharedResources}). A client supplied by
 * the user ({@code httpClient}) is never closed.
 */
public abstract class TelemetryComponent extends DefaultComponent implements SSLContextParametersAware {

    @Metadata(label = "security", defaultValue = "false", description = "Use the CamelContext's global SSLContextParameters when no sslContextParameters is set.")
    private boolean useGlobalSslContextParameters;
    @Metadata(label = "health", defaultValue = "true", description = "Register a producer health check that reports DOWN while the last request of a producer "
            + "failed for good (after its retries), and UP again after a success. It sends no requests "
            + "of its own. Camel's producer health checks must be enabled too "
            + "(camel.health.producersEnabled=true).")
    private boolean healthCheckProducerEnabled = true;

    private final SharedResources shared = new SharedResources();
    private Sleeper sleeper = Sleeper.REAL;
    private ScheduledExecutorService timer;

    /** The component's artifact name for the User-Agent, e.g. {@code camel-pylot}. */
    protected abstract String artifactName();

    /** Fills in the global SSLContextParameters where an endpoint has none and the component is told to. */
    protected void applyGlobalSslContextParameters(TelemetryHttpConfiguration configuration) {
        if (configuration.getSslContextParameters() == null && useGlobalSslContextParameters) {
            configuration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
    }

    /**
     * The HTTP client for these options: shared with every endpoint whose {@link TelemetryHttpConfiguration#httpClientKey()}
     * is equal, created on first use, closed by the last release (never when the user supplied it).
     *
     * @param cookies whether the client handles cookies (cookie sessions)
     */
    public SharedResources.Lease<CloseableHttpClient> acquireHttpClient(TelemetryHttpConfiguration options, boolean cookies)
            throws Exception {
        CloseableHttpClient supplied = options.getHttpClient();
        if (supplied != null) {
            return shared.acquire(List.of("user-http-client", supplied), () -> supplied, c -> {
            });
        }
        return shared.acquire(List.of("http-client", options.httpClientKey(), cookies), () -> {
            SSLContext ssl = options.getSslContextParameters() == null
                    ? null
                    : options.getSslContextParameters().createSSLContext(getCamelContext());
            return HttpClientFactory.create(options, ssl, artifactName(), cookies);
        }, CloseableHttpClient::close);
    }

    /**
     * The request executor builder every endpoint (and session) starts from: the component's sleeper and deadline
     * timer, the options' retries, deadline, largest server wait and secrets, and the caller's logger.
     */
    public TelemetryHttpClientBuilder httpClientBuilder(
            String platform, CloseableHttpClient http,
            Function<ErrorResponse, ? extends Exception> errors, TelemetryHttpConfiguration options, Logger log) {
        return TelemetryHttpClient.builder(platform, http, errors).options(options).sleeper(sleeper).timer(timer).log(log);
    }

    /** Other shared resources (sessions), keyed as the component needs. */
    public SharedResources shared() {
        return shared;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        timer = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                artifactName() + "-deadlines");
    }

    @Override
    protected void doStop() throws Exception {
        shared.closeAll();
        if (timer != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(timer);
            timer = null;
        }
        super.doStop();
    }

    /** Runs request deadline timers; null before the component started. */
    public ScheduledExecutorService deadlineTimer() {
        return timer;
    }

    /** How clients wait between retries; tests set one that records instead of sleeping. */
    public Sleeper getSleeper() {
        return sleeper;
    }

    public void setSleeper(Sleeper sleeper) {
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public boolean isHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }
}
