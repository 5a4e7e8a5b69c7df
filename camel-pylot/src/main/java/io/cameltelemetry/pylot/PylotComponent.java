package io.cameltelemetry.pylot;

import java.util.Map;

import io.cameltelemetry.common.TelemetryComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code pylot} component: pushes greenhouse measurements to the PYLOT input API. Component options are defaults
 * for every endpoint. Endpoints with equal HTTP options (timeouts, pool, TLS, proxy) share one pooled client, owned by
 * the component.
 */
@Component("pylot")
public class PylotComponent extends TelemetryComponent {

    @Metadata(description = "Defaults shared by all pylot endpoints; endpoint options override them.")
    private PylotConfiguration configuration = new PylotConfiguration();

    public PylotComponent() {
    }

    @Override
    protected String artifactName() {
        return "camel-pylot";
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new PylotValidationException("adapter", remaining,
                    "the endpoint path must be the PYLOT adapter name, as in pylot:weight-system-dankov");
        }
        PylotEndpoint endpoint = new PylotEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        applyGlobalSslContextParameters(endpoint.getConfiguration());
        return endpoint;
    }

    public PylotConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PylotConfiguration configuration) {
        this.configuration = configuration;
    }
}
