package io.cameltelemetry.dcs;

import java.util.List;
import java.util.Map;

import io.cameltelemetry.common.SharedResources;
import io.cameltelemetry.common.TelemetryComponent;
import io.cameltelemetry.dcs.client.DcsSession;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code dcs} component. Endpoints with the same API generation, base URL, credentials and HTTP options (timeouts,
 * pool, TLS, proxy) share one signed-in session (one transaction at a time, as pythondcs); endpoints whose HTTP options
 * differ get their own session, so no endpoint's settings are ignored. The component owns the sessions: each is
 * reference-counted by the endpoints using it and signs out when the last of them stops (or the component stops).
 * Retry settings and the request deadline are per endpoint.
 */
@Component("dcs")
public class DcsComponent extends TelemetryComponent {

    @Metadata(description = "Defaults shared by all dcs endpoints; endpoint options override them.")
    private DcsConfiguration configuration = new DcsConfiguration();

    @Override
    protected String artifactName() {
        return "camel-dcs";
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DcsOperation operation;
        try {
            operation = DcsOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new DcsValidationException("operation", remaining, "must be readings, meters, virtualMeters or status");
        }
        DcsEndpoint endpoint = new DcsEndpoint(uri, this, operation, configuration.copy());
        // enum options spelled as users and DCS spell them; a bad value is a DcsValidationException naming the option
        parameters.computeIfPresent("apiVersion", (k, v) -> v instanceof String s ? DcsApiVersion.of(s) : v);
        parameters.computeIfPresent("periodType", (k, v) -> v instanceof String s ? DcsPeriodType.of(k, s) : v);
        parameters.computeIfPresent("integrationPeriod", (k, v) -> v instanceof String s ? DcsPeriodType.of(k, s) : v);
        parameters.computeIfPresent("format", (k, v) -> v instanceof String s ? DcsFormat.of(s) : v);
        parameters.computeIfPresent("source", (k, v) -> v instanceof String s ? DcsSource.of(s) : v);
        setProperties(endpoint, parameters);
        applyGlobalSslContextParameters(endpoint.getConfiguration());
        return endpoint;
    }

    /** The session for this API generation, base URL, user and HTTP options, created (not signed in) on first use. */
    SharedResources.Lease<DcsSession> acquireSession(DcsApiVersion api, DcsConfiguration config) throws Exception {
        String password = config.getPassword();
        Object key = List.of("dcs-session", api, config.getBaseUrl().trim(),
                config.getUsername() == null ? "" : config.getUsername(),
                password == null ? "" : Integer.toHexString(password.hashCode()), config.httpClientKey());
        return shared().acquire(key,
                () -> new DcsSession(api, config.getBaseUrl(), config.getUsername(), password,
                        acquireHttpClient(config, true), config.getRequestTimeout()),
                DcsSession::close);
    }

    public DcsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DcsConfiguration configuration) {
        this.configuration = configuration;
    }
}
