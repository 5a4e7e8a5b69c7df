package io.cameltelemetry.common;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.TelemetryHttpClientBuilder;
import io.cameltelemetry.common.http.TelemetryHttpConfiguration;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;

/**
 * The part every endpoint shares, by composition (an endpoint extends Camel's {@code DefaultEndpoint} or
 * {@code ScheduledPollEndpoint}): the endpoint's configuration, the shared resources it holds (HTTP client, session,
 * spill store) released in reverse order when it stops, its clock, its service URL and the HTTP client builder
 * already set up with the component's sleeper and deadline timer and the endpoint's retry options.
 */
public final class TelemetryEndpointSupport {

    private final TelemetryComponent component;
    private final Supplier<? extends TelemetryHttpConfiguration> configuration;
    private final Deque<SharedResources.Lease<?>> leases = new ArrayDeque<>();
    private volatile Clock clock;

    /**
     * @param component     the endpoint's component
     * @param configuration the endpoint's configuration as it is now (an endpoint's configuration may be replaced)
     * @param clock         the clock "now" is read from
     */
    public TelemetryEndpointSupport(TelemetryComponent component, Supplier<? extends TelemetryHttpConfiguration> configuration,
            Clock clock) {
        this.component = Objects.requireNonNull(component, "component");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Holds a lease until {@link #releaseAll()}; returns its resource. */
    public synchronized <T> T hold(SharedResources.Lease<T> lease) {
        leases.push(lease);
        return lease.get();
    }

    /** The component's HTTP client for this endpoint's options, held until the endpoint stops. */
    public CloseableHttpClient acquireHttpClient(boolean cookies) throws Exception {
        return hold(component.acquireHttpClient(configuration.get(), cookies));
    }

    /**
     * A request executor builder for this endpoint: its retry options, deadline and secrets, the component's sleeper
     * and deadline timer, and the endpoint's logger; add the authenticator, retry rule or pacer, then build.
     */
    public TelemetryHttpClientBuilder httpClientBuilder(
            String platform, CloseableHttpClient http,
            Function<ErrorResponse, ? extends Exception> errors, Logger log) {
        return component.httpClientBuilder(platform, http, errors, configuration.get(), log);
    }

    /** Releases every held resource, the last acquired first (a session before the HTTP client it uses). */
    public void releaseAll() {
        while (true) {
            SharedResources.Lease<?> lease;
            synchronized (this) {
                lease = leases.poll();
            }
            if (lease == null) {
                return;
            }
            lease.release();
        }
    }

    /** The platform's address without a trailing slash. */
    public String serviceUrl() {
        String base = configuration.get().getBaseUrl();
        return base == null ? null : BaseUrl.stripTrailingSlash(base);
    }

    public Clock clock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }
}
