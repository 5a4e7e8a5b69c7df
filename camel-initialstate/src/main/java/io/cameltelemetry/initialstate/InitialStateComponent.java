package io.cameltelemetry.initialstate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.cameltelemetry.common.SharedResources;
import io.cameltelemetry.common.TelemetryComponent;
import io.cameltelemetry.initialstate.client.InitialStateClient;
import io.cameltelemetry.initialstate.client.InitialStatePacer;
import io.cameltelemetry.initialstate.client.JdbcSpillStore;
import io.cameltelemetry.initialstate.client.SpillStore;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * The {@code initialstate} component: streams events to Initial State buckets. It owns one request pacer per access key
 * (shared by every endpoint and bucket of the key), the HTTP clients (shared by endpoints with equal HTTP options) and
 * one spill store per spill directory (reference-counted by the endpoints using it).
 */
@Component("initialstate")
public class InitialStateComponent extends TelemetryComponent {

    @Metadata(description = "Defaults shared by all initialstate endpoints; endpoint options override them.")
    private InitialStateConfiguration configuration = new InitialStateConfiguration();

    private final Map<String, InitialStatePacer> pacers = new ConcurrentHashMap<>();

    @Override
    protected String artifactName() {
        return "camel-initialstate";
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        InitialStateEndpoint endpoint = new InitialStateEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        applyGlobalSslContextParameters(endpoint.getConfiguration());
        return endpoint;
    }

    /** The pacer of an access key; the strictest maxRequestsPerSecond of the endpoints using the key applies. */
    InitialStatePacer pacer(String accessKey, double maxRequestsPerSecond) {
        InitialStatePacer pacer = pacers.computeIfAbsent(InitialStateClient.fingerprint(accessKey),
                k -> new InitialStatePacer(0));
        pacer.atMost(maxRequestsPerSecond);
        return pacer;
    }

    /** The spill store of a directory, shared by the endpoints that use it and closed by the last of them. */
    SharedResources.Lease<SpillStore> acquireSpillStore(String directory) throws Exception {
        Path dir = Path.of(directory).toAbsolutePath().normalize();
        return shared().acquire(List.of("spill-store", dir.toString()), () -> new SpillStore(dir), SpillStore::close);
    }

    /**
     * The spill store of a data source and table, shared by the endpoints that use it (keyed by the data source's
     * identity).
     */
    SharedResources.Lease<JdbcSpillStore> acquireJdbcSpillStore(DataSource dataSource, String table) throws Exception {
        return shared().acquire(List.of("jdbc-spill-store", System.identityHashCode(dataSource), table),
                () -> new JdbcSpillStore(dataSource, table), JdbcSpillStore::close);
    }

    public InitialStateConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InitialStateConfiguration configuration) {
        this.configuration = configuration;
    }
}
