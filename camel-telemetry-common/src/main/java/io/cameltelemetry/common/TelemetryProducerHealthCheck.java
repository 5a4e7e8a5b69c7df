package io.cameltelemetry.common;

import java.util.Map;
import java.util.function.Supplier;

import io.cameltelemetry.common.http.HealthState;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Reports a producer DOWN while its last request failed for good (after retries) for a reason that concerns the
 * platform or our access to it (I/O, deadline, 5xx, 401, 403, 408, 429), with the error, and UP after a success or an
 * answer that refuses only the request (other 4xx). Passive: it sends nothing. Registered in Camel's {@code producers} health check repository, which exists
 * when producer health checks are enabled.
 */
public final class TelemetryProducerHealthCheck extends AbstractHealthCheck {

    private final String platform;
    private final Supplier<TelemetryHttpClient> client;

    public TelemetryProducerHealthCheck(Endpoint endpoint, String platform, Supplier<TelemetryHttpClient> client) {
        super("camel", "producer:" + endpoint.getEndpointBaseUri());
        this.platform = platform;
        this.client = client;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        TelemetryHttpClient c = client.get();
        HealthState state = c == null ? null : c.health();
        if (state == null || state.consecutiveFailures() == 0) {
            builder.up();
            return;
        }
        builder.down()
                .message(
                        platform + " requests are failing (" + state.consecutiveFailures() + " in a row): " + state.lastError())
                .error(state.lastException())
                .detail("failures.consecutive", state.consecutiveFailures())
                .detail("failure.time", state.lastFailure());
    }

    /** Registers the check when Camel's producer health checks are enabled; returns a handle to remove it, or null. */
    public static Registration register(CamelContext context, TelemetryProducerHealthCheck check) {
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class);
        if (repository == null) {
            return null;
        }
        repository.addHealthCheck(check);
        return () -> repository.removeHealthCheck(check);
    }

    /** Removes a registered check. */
    @FunctionalInterface
    public interface Registration {
        void remove();
    }
}
