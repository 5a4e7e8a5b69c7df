package io.cameltelemetry.archfx;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.cameltelemetry.archfx.client.ArchFxClient;
import io.cameltelemetry.archfx.client.ArchFxSession;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import io.cameltelemetry.archfx.slug.ArchFxStreamSlug;
import io.cameltelemetry.common.TelemetryEndpoint;
import io.cameltelemetry.common.TelemetryEndpointSupport;
import io.cameltelemetry.common.http.BaseUrl;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ArchFX Cloud: log in (JWT or API token), call the REST API, build and upload msgpack streamer reports, and poll the
 * data of a stream or device.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "archfx", title = "ArchFX Cloud", syntax = "archfx:operation", category = {
        Category.MONITORING, Category.IOT }, headersClass = ArchFxConstants.class)
public class ArchFxEndpoint extends ScheduledPollEndpoint implements TelemetryEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ArchFxEndpoint.class);
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @UriPath(description = "What to do: report (upload streamer reports), api (the REST API) or data (poll stream data).")
    @Metadata(required = true)
    private final ArchFxOperation operation;

    @UriParam
    private ArchFxConfiguration configuration;

    private ArchFxDeviceSlug device;
    private Instant start;
    private final TelemetryEndpointSupport support;
    private ArchFxSession session;
    private ArchFxClient client;
    private ArchFxIds ids;

    public ArchFxEndpoint(String uri, ArchFxComponent component, ArchFxOperation operation,
            ArchFxConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
        this.support = new TelemetryEndpointSupport(component, this::getConfiguration, Clock.systemUTC());
    }

    @Override
    public TelemetryEndpointSupport support() {
        return support;
    }

    @Override
    public ArchFxComponent getComponent() {
        return (ArchFxComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        if (operation == ArchFxOperation.data) {
            throw new ArchFxValidationException("operation", operation, "archfx:data is a polling consumer; read data "
                    + "with archfx:api?resource=data");
        }
        return new ArchFxProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != ArchFxOperation.data) {
            throw new ArchFxValidationException("operation", operation, "only archfx:data can be polled");
        }
        if (configuration.getFilter() == null || configuration.getFilter().isBlank()) {
            throw new ArchFxValidationException("filter", null, "the data consumer needs the stream or device slug to "
                    + "poll");
        }
        ArchFxConsumer consumer = new ArchFxConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        validate();
    }

    private void validate() {
        BaseUrl.check("baseUrl", configuration.getBaseUrl(), "https://arch.archfx.io", ArchFxValidationException::new);
        configuration.validateHttpOptions(ArchFxValidationException::new);
        boolean hasEmail = !blank(configuration.getEmail());
        boolean hasPassword = !blank(configuration.getPassword());
        boolean hasToken = !blank(configuration.getToken());
        if (hasEmail != hasPassword) {
            throw new ArchFxValidationException(hasEmail ? "password" : "email", null, "give both email and password");
        }
        if (!hasEmail && !hasToken) {
            throw new ArchFxValidationException("token", null, "give email and password, or a token");
        }
        if (blank(configuration.getTokenType()) || configuration.getTokenType().contains(" ")) {
            throw new ArchFxValidationException("tokenType", configuration.getTokenType(),
                    "must be one word, e.g. jwt or token");
        }
        if (configuration.getDevice() != null && !configuration.getDevice().isBlank()) {
            device = device(configuration.getDevice());
        }
        if (configuration.getStreamer() < 0 || configuration.getStreamer() > 0xFFFF) {
            throw new ArchFxValidationException("streamer", configuration.getStreamer(), "must be 0 to 65535");
        }
        if (configuration.getSelector() < 0 || configuration.getSelector() > 0xFFFF) {
            throw new ArchFxValidationException("selector", configuration.getSelector(), "must be 0 to 65535");
        }
        if (configuration.getMaxReadingsPerReport() < 1) {
            throw new ArchFxValidationException("maxReadingsPerReport", configuration.getMaxReadingsPerReport(),
                    "must be at least 1");
        }
        String method = configuration.getMethod() == null
                ? "GET"
                : configuration.getMethod().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ArchFxValidationException("method", configuration.getMethod(), "must be GET, POST, PUT, PATCH or "
                    + "DELETE");
        }
        if (configuration.getMaxPages() < 1) {
            throw new ArchFxValidationException("maxPages", configuration.getMaxPages(), "must be 1 or more");
        }
        if (configuration.getPageSize() < 1 || configuration.getPageSize() > 10_000) {
            throw new ArchFxValidationException("pageSize", configuration.getPageSize(), "must be 1 to 10000");
        }
        if (configuration.getMaxWindow() < 1000) {
            throw new ArchFxValidationException("maxWindow", configuration.getMaxWindow(), "must be at least 1 s");
        }
        if (configuration.getFilter() != null && !configuration.getFilter().isBlank()) {
            String f = configuration.getFilter().trim();
            try {
                if (f.startsWith("s")) {
                    ArchFxStreamSlug.parse(f);
                } else {
                    ArchFxDeviceSlug.parse(f);
                }
            } catch (IllegalArgumentException e) {
                throw new ArchFxValidationException("filter", f, "is neither a stream nor a device slug: "
                        + e.getMessage());
            }
        }
        if (configuration.getStartTime() != null && !configuration.getStartTime().isBlank()) {
            start = ArchFxDataPoints.time(configuration.getStartTime(), "option startTime");
        }
    }

    static ArchFxDeviceSlug device(Object value) {
        try {
            return ArchFxDeviceSlug.from(value);
        } catch (IllegalArgumentException e) {
            throw new ArchFxValidationException("device", value, e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Why {@code archfx:report} does not start without an id store: ids kept in memory start again at 1 after a
     * restart, and the cloud silently ignores every reading until they pass the last id it stored.
     */
    static final String NO_ID_STORE = "archfx:report needs a durable store for its reading and report ids, or they "
            + "start again at 1 after a restart and ArchFX silently ignores the readings as already seen: set "
            + "idRepository=#<a FileStateRepository> for one process, or idAllocator=#<a "
            + "io.cameltelemetry.common.state.JdbcIdAllocator> for replicas sharing a database "
            + "(a MemoryStateRepository will do for tests)";

    @Override
    protected void doStart() throws Exception {
        if (operation == ArchFxOperation.report && configuration.getIdRepository() == null
                && configuration.getIdAllocator() == null) {
            throw new ArchFxValidationException("idRepository", null, NO_ID_STORE);
        }
        super.doStart();
        CloseableHttpClient http = support.acquireHttpClient(false);
        session = support.hold(getComponent().acquireSession(configuration));
        client = new ArchFxClient(support.httpClientBuilder("ArchFX", http, ArchFxClient::failure, LOG)
                .authenticator(session).build(), configuration.getBaseUrl());
        configuration.stateRepositoryOrMemory();
        if (operation == ArchFxOperation.report) {
            if (configuration.getReportLedger() != null && configuration.getIdAllocator() == null) {
                throw new ArchFxValidationException("reportLedger", configuration.getReportLedger(), "orders the uploads "
                        + "of several replicas and needs an idAllocator the replicas share (a JdbcIdAllocator on the "
                        + "same database); an idRepository is one process's");
            }
            ServiceHelper.startService(configuration.getIdRepository(), configuration.getIdAllocator(),
                    configuration.getReportLedger());
            ids = configuration.getIdAllocator() != null
                    ? new ArchFxIds(configuration.getIdAllocator())
                    : new ArchFxIds(configuration.getIdRepository());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (session != null && client != null) {
            session.logoutWith(client.http()); // this endpoint's client is still open when the session logs out
        }
        client = null;
        session = null;
        if (operation == ArchFxOperation.report) {
            ServiceHelper.stopService(configuration.getIdRepository(), configuration.getIdAllocator(),
                    configuration.getReportLedger());
        }
        // the session is released before the HTTP client it logs out with (the last endpoint of a session logs out)
        support.releaseAll();
        super.doStop();
    }

    ArchFxClient client() {
        return client;
    }

    ArchFxIds ids() {
        return ids;
    }

    /** The device option, parsed (null when not set). */
    ArchFxDeviceSlug device() {
        return device;
    }

    /** The startTime option (null when not set). */
    Instant startTime() {
        return start;
    }

    public ArchFxOperation getOperation() {
        return operation;
    }

    public ArchFxConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ArchFxConfiguration configuration) {
        this.configuration = configuration;
    }
}
