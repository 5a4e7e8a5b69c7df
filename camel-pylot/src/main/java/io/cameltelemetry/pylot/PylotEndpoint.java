package io.cameltelemetry.pylot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;

import io.cameltelemetry.common.TelemetryEndpoint;
import io.cameltelemetry.common.TelemetryEndpointSupport;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.BasicAuthenticator;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.pylot.client.PylotClient;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push greenhouse measurements (node, metric id, local timestamp, number) to the PYLOT input API.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "pylot", title = "PYLOT", syntax = "pylot:adapter", producerOnly = true, category = {
        Category.MONITORING, Category.IOT }, headersClass = PylotConstants.class)
public class PylotEndpoint extends DefaultEndpoint implements TelemetryEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(PylotEndpoint.class);

    @UriPath(description = "The PYLOT adapter name: unique per installation of the integrating application and "
            + "registered with PYLOT, usually the app name and location, e.g. weight-system-dankov.")
    @Metadata(required = true)
    private final String adapter;

    @UriParam
    private PylotConfiguration configuration;

    private final TelemetryEndpointSupport support;
    private ZoneId zone;
    private PylotClient client;
    private TelemetryHttpClient http;
    private ExecutorService sender;

    public PylotEndpoint(String uri, PylotComponent component, String adapter, PylotConfiguration configuration) {
        super(uri, component);
        this.adapter = adapter;
        this.configuration = configuration;
        this.support = new TelemetryEndpointSupport(component, this::getConfiguration, Clock.systemDefaultZone());
    }

    @Override
    public TelemetryEndpointSupport support() {
        return support;
    }

    @Override
    public Producer createProducer() throws Exception {
        return new PylotProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException("PYLOT has no read API: pylot endpoints can only be used in to()");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        validate();
    }

    private void validate() {
        checkCredential("username", configuration.getUsername());
        checkCredential("password", configuration.getPassword());
        int maxRows = configuration.getMaxRowsPerRequest();
        if (maxRows < 1 || maxRows > PylotConfiguration.MAX_ROWS_LIMIT) {
            throw new PylotValidationException("maxRowsPerRequest", maxRows,
                    "must be between 1 and " + PylotConfiguration.MAX_ROWS_LIMIT);
        }
        configuration.validateHttpOptions(PylotValidationException::new);
        BaseUrl.check("baseUrl", configuration.getBaseUrl(), "https://input-api.pylot.app", PylotValidationException::new);
        String zoneId = configuration.getZoneId();
        try {
            zone = zoneId == null || zoneId.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zoneId.trim());
        } catch (DateTimeException e) {
            throw new PylotValidationException("zoneId", zoneId, "not a known time zone id such as Europe/Amsterdam");
        }
        if (configuration.getNode() != null) {
            MeasurementCollector.node(configuration.getNode());
        }
        if (configuration.getMetric() != null) {
            MeasurementCollector.metric(configuration.getMetric());
        }
    }

    private static void checkCredential(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw PylotValidationException.secret(field,
                    "PYLOT needs HTTP Basic credentials: set " + field + " on the endpoint or the pylot component");
        }
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)) {
            throw PylotValidationException.secret(field,
                    "contains characters outside ISO-8859-1, which HTTP Basic (as PYLOT's reference client sends it) "
                            + "cannot carry");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        http = support.httpClientBuilder("PYLOT", support.acquireHttpClient(false), PylotClient::failure, LOG)
                .authenticator(new BasicAuthenticator(configuration.getUsername(), configuration.getPassword(),
                        StandardCharsets.ISO_8859_1))
                .build();
        // a batch's next request is written while the previous one is on the wire (in order, one at a time)
        sender = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "PylotSender");
        client = new PylotClient(http, configuration.getBaseUrl(), sender);
        LOG.debug("Started pylot endpoint for adapter {} sending to {}", adapter, client.getUri());
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        http = null;
        if (sender != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(sender);
            sender = null;
        }
        support.releaseAll();
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return BaseUrl.stripTrailingSlash(configuration.getBaseUrl()) + PylotClient.PATH;
    }

    /** Node, metric and timestamp for one message: headers first, then the endpoint's options. */
    MeasurementCollector.Defaults defaults(Message message) {
        Object node = message.getHeader(PylotConstants.NODE);
        Object metric = message.getHeader(PylotConstants.METRIC);
        return new MeasurementCollector.Defaults(
                node != null ? node : configuration.getNode(),
                metric != null ? metric : configuration.getMetric(),
                message.getHeader(PylotConstants.TIMESTAMP), zone, clock());
    }

    /** The request executor (for the producer health check); null while stopped. */
    TelemetryHttpClient http() {
        return http;
    }

    PylotClient getClient() {
        return client;
    }

    public String getAdapter() {
        return adapter;
    }

    public PylotConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PylotConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The resolved greenhouse time zone (after the endpoint is initialised). */
    public ZoneId getZone() {
        return zone;
    }
}
