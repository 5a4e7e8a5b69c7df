package io.cameltelemetry.common;

import java.util.function.Supplier;

import io.cameltelemetry.common.http.TelemetryHttpClient;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * The base of every camel-telemetry producer: registers the passive {@link TelemetryProducerHealthCheck} while started,
 * when the component's {@code healthCheckProducerEnabled} is on.
 */
public abstract class TelemetryProducer extends DefaultProducer {

    private final String platform;
    private final Supplier<TelemetryHttpClient> client;
    private TelemetryProducerHealthCheck.Registration healthCheck;

    /**
     * @param platform the platform's display name for the health message
     * @param client   the endpoint's current request executor (null while stopped)
     */
    protected TelemetryProducer(Endpoint endpoint, String platform, Supplier<TelemetryHttpClient> client) {
        super(endpoint);
        this.platform = platform;
        this.client = client;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (getEndpoint().getComponent() instanceof TelemetryComponent component && component.isHealthCheckProducerEnabled()) {
            healthCheck = TelemetryProducerHealthCheck.register(getEndpoint().getCamelContext(),
                    new TelemetryProducerHealthCheck(getEndpoint(), platform, client));
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.remove();
            healthCheck = null;
        }
        super.doStop();
    }
}
