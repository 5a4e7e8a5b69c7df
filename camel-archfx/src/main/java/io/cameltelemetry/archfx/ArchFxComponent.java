package io.cameltelemetry.archfx;

import java.util.List;
import java.util.Map;

import io.cameltelemetry.archfx.client.ArchFxClient;
import io.cameltelemetry.archfx.client.ArchFxSession;
import io.cameltelemetry.common.SharedResources;
import io.cameltelemetry.common.TelemetryComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code archfx} component. Endpoints with the same domain and credentials share one session (one login; logged
 * out when the last of them stops); endpoints with equal HTTP options share one HTTP client. Both are owned by the
 * component and reference-counted by the endpoints using them.
 */
@Component("archfx")
public class ArchFxComponent extends TelemetryComponent {

    @Metadata(description = "Defaults shared by all archfx endpoints; endpoint options override them.")
    private ArchFxConfiguration configuration = new ArchFxConfiguration();

    @Override
    protected String artifactName() {
        return "camel-archfx";
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ArchFxOperation operation;
        try {
            operation = ArchFxOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new ArchFxValidationException("operation", remaining, "must be report, api or data");
        }
        ArchFxEndpoint endpoint = new ArchFxEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        applyGlobalSslContextParameters(endpoint.getConfiguration());
        return endpoint;
    }

    /** The session of a domain and credentials, shared; logs out when released by the last endpoint. */
    SharedResources.Lease<ArchFxSession> acquireSession(ArchFxConfiguration config) throws Exception {
        String secret = config.getToken() != null ? "t" + config.getToken() : "p" + config.getPassword();
        Object key = List.of("archfx-session", ArchFxClient.apiRoot(config.getBaseUrl()), String.valueOf(config.getEmail()),
                Integer.toHexString(secret.hashCode()), config.getTokenType());
        return shared().acquire(key, () -> new ArchFxSession(ArchFxClient.apiRoot(config.getBaseUrl()), config.getEmail(),
                config.getPassword(), config.getToken(), config.getTokenType()), ArchFxSession::close);
    }

    public ArchFxConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ArchFxConfiguration configuration) {
        this.configuration = configuration;
    }
}
