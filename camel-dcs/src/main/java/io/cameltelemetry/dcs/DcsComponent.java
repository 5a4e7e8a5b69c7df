package io.cameltelemetry.dcs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import io.cameltelemetry.dcs.client.DcsSession;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dcs} component. Endpoints with the same API generation, base URL and user share one signed-in session
 * (one transaction at a time, as pythondcs); the sessions sign out when the component stops. The session's HTTP client
 * (connectTimeout, requestTimeout, sslContextParameters) is built from the first endpoint that uses it: set those on
 * the component when several endpoints share a session.
 */
@Component("dcs")
public class DcsComponent extends DefaultComponent implements SSLContextParametersAware {

    private static final Logger LOG = LoggerFactory.getLogger(DcsComponent.class);

    @Metadata(description = "Defaults shared by all dcs endpoints; endpoint options override them.")
    private DcsConfiguration configuration = new DcsConfiguration();

    @Metadata(label = "security", defaultValue = "false",
              description = "Use the CamelContext's global SSLContextParameters when no sslContextParameters is set.")
    private boolean useGlobalSslContextParameters;

    private final Map<String, DcsSession> sessions = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DcsOperation operation;
        try {
            operation = DcsOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new DcsValidationException("operation", remaining, "must be readings, meters, virtualMeters or status");
        }
        DcsEndpoint endpoint = new DcsEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        if (endpoint.getConfiguration().getSslContextParameters() == null && useGlobalSslContextParameters) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    /** The session for this API generation, base URL and user, created (not signed in) on first use. */
    DcsSession session(DcsApiVersion api, DcsConfiguration config) {
        String key = api + "|" + config.getBaseUrl().trim() + "|" + (config.getUsername() == null ? "" : config.getUsername());
        return sessions.computeIfAbsent(key, k -> {
            try {
                SSLContext ssl = config.getSslContextParameters() == null
                        ? null : config.getSslContextParameters().createSSLContext(getCamelContext());
                return new DcsSession(api, config.getBaseUrl(), config.getUsername(), config.getPassword(),
                        DcsSession.createHttpClient(config.getConnectTimeout(), config.getRequestTimeout(), ssl), true,
                        config.getRequestTimeout());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the DCS session for " + config.getBaseUrl(), e);
            }
        });
    }

    @Override
    protected void doStop() throws Exception {
        for (DcsSession session : sessions.values()) {
            try {
                session.close();
            } catch (Exception e) {
                LOG.debug("Closing {} failed", session, e);
            }
        }
        sessions.clear();
        super.doStop();
    }

    public DcsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DcsConfiguration configuration) {
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
