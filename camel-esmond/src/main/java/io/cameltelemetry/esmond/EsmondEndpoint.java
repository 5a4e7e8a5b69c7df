package io.cameltelemetry.esmond;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import io.cameltelemetry.common.TelemetryEndpoint;
import io.cameltelemetry.common.TelemetryEndpointSupport;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.HeaderAuthenticator;
import io.cameltelemetry.common.http.HttpAuthenticator;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.esmond.client.EsmondClient;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query the perfSONAR esmond measurement archive (metadata, data and summaries by filters), poll new data points, and
 * write metadata, points and bulk data.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "esmond", title = "perfSONAR esmond", syntax = "esmond:operation", category = {
        Category.MONITORING, Category.NETWORKING }, headersClass = EsmondConstants.class)
public class EsmondEndpoint extends ScheduledPollEndpoint implements TelemetryEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EsmondEndpoint.class);
    private static final Set<String> DNS_RULES = Set.of("v4v6", "only-v4", "only-v6", "prefer-v4", "prefer-v6");
    private static final Set<String> SUBJECT_TYPES = Set.of("point-to-point", "network-element");
    /** How far back a fresh consumer cursor starts without startTime and timeRange: one hour. */
    static final long DEFAULT_TIME_RANGE = 3600;

    @UriPath(description = "What to do: metadata (search), data (read points; also a polling consumer), postMetadata, "
            + "postData (one POST per point) or bulk (PUT of points of several event types).")
    @Metadata(required = true)
    private final EsmondOperation operation;

    @UriParam
    private EsmondConfiguration configuration;

    private EsmondSummaryType summaryType;
    private Long time;
    private Long startTime;
    private Long endTime;
    private final TelemetryEndpointSupport support;
    private EsmondClient client;
    private EsmondQuery query;

    public EsmondEndpoint(String uri, EsmondComponent component, EsmondOperation operation,
            EsmondConfiguration configuration) {
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
    public EsmondComponent getComponent() {
        return (EsmondComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new EsmondProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != EsmondOperation.data) {
            throw new EsmondValidationException("operation", operation, "only esmond:data can be polled");
        }
        if (blank(configuration.getEventType())) {
            throw new EsmondValidationException("eventType", null, "the data consumer needs the event type to poll");
        }
        EsmondConsumer consumer = new EsmondConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        validate();
    }

    /** Everything that can be checked without I/O: a bad option fails the endpoint, naming it. */
    private void validate() {
        String url = BaseUrl.check("baseUrl", configuration.getBaseUrl(), "http://archive.example.net:8085",
                EsmondValidationException::new);
        String path = URI.create(url).getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new EsmondValidationException("baseUrl", url, "must be scheme, host and port only; give the path "
                    + path + " as scriptAlias (the /perfsonar/archive/ part is added)");
        }
        configuration.validateHttpOptions(EsmondValidationException::new);
        boolean hasUser = !blank(configuration.getUsername());
        boolean hasKey = !blank(configuration.getApiKey());
        if (hasUser != hasKey) {
            throw new EsmondValidationException(hasUser ? "apiKey" : "username", null,
                    "give both username and apiKey (writes), or neither (reads, or a server that trusts your address)");
        }
        if (configuration.getPageSize() < 1) {
            throw new EsmondValidationException("pageSize", configuration.getPageSize(), "must be at least 1");
        }
        summaryType = summaryType("summaryType", configuration.getSummaryType());
        checkWindow("summaryWindow", configuration.getSummaryWindow());
        if (configuration.getDnsMatchRule() != null && !DNS_RULES.contains(configuration.getDnsMatchRule())) {
            throw new EsmondValidationException("dnsMatchRule", configuration.getDnsMatchRule(),
                    "must be v4v6, only-v4, only-v6, prefer-v4 or prefer-v6");
        }
        if (configuration.getSubjectType() != null && !SUBJECT_TYPES.contains(configuration.getSubjectType())) {
            throw new EsmondValidationException("subjectType", configuration.getSubjectType(),
                    "must be point-to-point or network-element");
        }
        time = EsmondTimes.toEpochSeconds("time", configuration.getTime());
        startTime = EsmondTimes.toEpochSeconds("startTime", configuration.getStartTime());
        endTime = EsmondTimes.toEpochSeconds("endTime", configuration.getEndTime());
        if (configuration.getTimeRange() != null && configuration.getTimeRange() < 0) {
            throw new EsmondValidationException("timeRange", configuration.getTimeRange(), "must not be negative");
        }
        if (startTime != null && endTime != null && startTime > endTime) {
            throw new EsmondValidationException("startTime", configuration.getStartTime(),
                    "is after endTime " + configuration.getEndTime());
        }
        if (configuration.getFilter() != null) {
            for (Map.Entry<String, Object> e : configuration.getFilter().entrySet()) {
                if (blank(e.getKey()) || e.getValue() == null) {
                    throw new EsmondValidationException("filter." + e.getKey(), e.getValue(),
                            "a free-form filter needs a name and a value");
                }
            }
        }
    }

    static EsmondSummaryType summaryType(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        EsmondSummaryType type = EsmondSummaryType.parse(value.toString());
        if (type == null) {
            throw new EsmondValidationException(field, value, "must be base, aggregation, average or statistics");
        }
        return type;
    }

    static void checkWindow(String field, Long window) {
        if (window != null && window < 0) {
            throw new EsmondValidationException(field, window, "must be 0 or more seconds");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HttpAuthenticator auth = blank(configuration.getApiKey())
                ? HttpAuthenticator.NONE
                : new HeaderAuthenticator("Authorization", "Token " + configuration.getApiKey());
        TelemetryHttpClient http = support.httpClientBuilder("esmond", support.acquireHttpClient(false),
                EsmondClient::failure, LOG).rule(EsmondClient.RETRY_RULE).authenticator(auth).build();
        client = new EsmondClient(http, configuration.getBaseUrl(), configuration.getScriptAlias());
        query = new EsmondQuery(configuration, client, time, this::clock);
        configuration.stateRepositoryOrMemory();
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        query = null;
        support.releaseAll();
        super.doStop();
    }

    /** What the options ask the archive for; null while stopped. */
    EsmondQuery query() {
        return query;
    }

    /** This endpoint's client; null while stopped. */
    EsmondClient client() {
        return client;
    }

    /** The summaryType option, parsed (null when not set). */
    EsmondSummaryType summaryType() {
        return summaryType;
    }

    /** The startTime option in UNIX seconds (null when not set). */
    Long startTime() {
        return startTime;
    }

    /** The endTime option in UNIX seconds (null when not set). */
    Long endTime() {
        return endTime;
    }

    public EsmondOperation getOperation() {
        return operation;
    }

    public EsmondConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(EsmondConfiguration configuration) {
        this.configuration = configuration;
    }
}
