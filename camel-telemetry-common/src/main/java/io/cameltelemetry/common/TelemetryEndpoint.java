package io.cameltelemetry.common;

import java.time.Clock;

import org.apache.camel.spi.EndpointServiceLocation;

/**
 * What every camel-telemetry endpoint is, whether it polls ({@code ScheduledPollEndpoint}) or only produces
 * ({@code DefaultEndpoint}): it owns a {@link TelemetryEndpointSupport} (configuration, shared-resource leases, clock,
 * HTTP client builder) and reports the platform's address as its service location.
 */
public interface TelemetryEndpoint extends EndpointServiceLocation {

    /** The endpoint's shared skeleton. */
    TelemetryEndpointSupport support();

    @Override
    default String getServiceUrl() {
        return support().serviceUrl();
    }

    @Override
    default String getServiceProtocol() {
        return "http";
    }

    /** The clock "now" is read from (default times, windows, fresh cursors). */
    default Clock clock() {
        return support().clock();
    }

    /** Sets the clock "now" is read from; for tests. */
    default void setClock(Clock clock) {
        support().setClock(clock);
    }
}
