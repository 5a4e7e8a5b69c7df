package io.cameltelemetry.esmond;

import java.util.Map;

import io.cameltelemetry.common.TelemetryComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code esmond} component: reads and writes the perfSONAR esmond measurement archive. Endpoints with equal HTTP
 * options (timeouts, pool, TLS, proxy) share one HTTP client, owned by the component and closed by the last endpoint
 * using it; retries and the request deadline are per endpoint.
 */
@Component("esmond")
public class EsmondComponent extends TelemetryComponent {

    @Metadata(description = "Defaults shared by all esmond endpoints; endpoint options override them.")
    private EsmondConfiguration configuration = new EsmondConfiguration();

    @Override
    protected String artifactName() {
        return "camel-esmond";
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EsmondOperation operation;
        try {
            operation = EsmondOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new EsmondValidationException("operation", remaining,
                    "must be metadata, data, postMetadata, postData or bulk");
        }
        EsmondEndpoint endpoint = new EsmondEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        applyGlobalSslContextParameters(endpoint.getConfiguration());
        return endpoint;
    }

    public EsmondConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(EsmondConfiguration configuration) {
        this.configuration = configuration;
    }
}
