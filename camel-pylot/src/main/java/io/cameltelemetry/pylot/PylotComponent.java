package io.cameltelemetry.pylot;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code pylot} component: pushes greenhouse measurements to the PYLOT input API. Component options are defaults
 * for every endpoint.
 */
@Component("pylot")
public class PylotComponent extends DefaultComponent implements SSLContextParametersAware {

    @Metadata(description = "Defaults shared by all pylot endpoints; endpoint options override them.")
    private PylotConfiguration configuration = new PylotConfiguration();

    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSLContextParameters when no sslContextParameters is set.")
    private boolean useGlobalSslContextParameters;

    public PylotComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new PylotValidationException("adapter", remaining,
                    "the endpoint path must be the PYLOT adapter name, as in pylot:weight-system-dankov");
        }
        PylotEndpoint endpoint = new PylotEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        if (endpoint.getConfiguration().getSslContextParameters() == null && useGlobalSslContextParameters) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    public PylotConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PylotConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
