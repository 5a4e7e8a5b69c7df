package io.cameltelemetry.esmond;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cameltelemetry.common.SharedResources;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.HeaderAuthenticator;
import io.cameltelemetry.common.http.HttpAuthenticator;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.esmond.client.EsmondClient;
import io.cameltelemetry.esmond.client.EsmondDataIterator;
import io.cameltelemetry.esmond.model.EsmondEventType;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummary;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query the perfSONAR esmond measurement archive (metadata, data and summaries by filters), poll new data points, and
 * write metadata, points and bulk data.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "esmond", title = "perfSONAR esmond", syntax = "esmond:operation", category = {
        Category.MONITORING, Category.NETWORKING }, headersClass = EsmondConstants.class)
public class EsmondEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    private static final Logger LOG = LoggerFactory.getLogger(EsmondEndpoint.class);
    private static final Set<String> DNS_RULES = Set.of("v4v6", "only-v4", "only-v6", "prefer-v4", "prefer-v6");
    private static final Set<String> SUBJECT_TYPES = Set.of("point-to-point", "network-element");
    /** How far back a fresh consumer cursor starts without timeStart and timeRange: one hour. */
    static final long DEFAULT_TIME_RANGE = 3600;

    @UriPath(description = "What to do: metadata (search), data (read points; also a polling consumer), postMetadata, "
            + "postData (one POST per point) or bulk (PUT of points of several event types).")
    @Metadata(required = true)
    private final EsmondOperation operation;

    @UriParam
    private EsmondConfiguration configuration;

    private EsmondSummaryType summaryType;
    private Long time;
    private Long timeStart;
    private Long timeEnd;
    private SharedResources.Lease<CloseableHttpClient> httpClient;
    private EsmondClient client;
    private Clock clock = Clock.systemUTC();

    public EsmondEndpoint(String uri, EsmondComponent component, EsmondOperation operation,
            EsmondConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
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
        String url = BaseUrl.check("url", configuration.getUrl(), "http://archive.example.net:8085",
                EsmondValidationException::new);
        String path = java.net.URI.create(url).getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new EsmondValidationException("url", url, "must be scheme, host and port only; give the path "
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
        timeStart = EsmondTimes.toEpochSeconds("timeStart", configuration.getTimeStart());
        timeEnd = EsmondTimes.toEpochSeconds("timeEnd", configuration.getTimeEnd());
        if (configuration.getTimeRange() != null && configuration.getTimeRange() < 0) {
            throw new EsmondValidationException("timeRange", configuration.getTimeRange(), "must not be negative");
        }
        if (timeStart != null && timeEnd != null && timeStart > timeEnd) {
            throw new EsmondValidationException("timeStart", configuration.getTimeStart(),
                    "is after timeEnd " + configuration.getTimeEnd());
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

    /** The metadata filters of the options, in the order of esmond's filter table, then the free-form ones by name. */
    EsmondClient.Query metadataFilters(String eventType, EsmondSummaryType summary, Long window) {
        EsmondConfiguration c = configuration;
        EsmondClient.Query q = new EsmondClient.Query().add("source", c.getSource())
                .add("destination", c.getDestination()).add("measurement-agent", c.getMeasurementAgent())
                .add("input-source", c.getInputSource()).add("input-destination", c.getInputDestination())
                .add("tool-name", c.getToolName()).add("event-type", eventType)
                .add("summary-type", summary == null ? null : summary.jsonName()).add("summary-window", window)
                .add("subject-type", c.getSubjectType())
                .add("metadata-key", blank(c.getMetadataKey()) ? null : c.getMetadataKey())
                .add("dns-match-rule", c.getDnsMatchRule());
        if (c.getFilter() != null) {
            new java.util.TreeMap<>(c.getFilter()).forEach(q::add); // in name order: Camel does not keep URI order
        }
        return q;
    }

    /** The time filters of a metadata search, as given (the server applies them to each event type's update time). */
    void addTimeFilters(EsmondClient.Query q, Long start, Long end) {
        q.add("time", time).add("time-start", start).add("time-end", end).add("time-range",
                configuration.getTimeRange());
    }

    /**
     * A data request's fixed window [start, end] (inclusive UNIX seconds; start may be null: from the beginning), from
     * time, timeStart, timeEnd and timeRange as esmond combines them, with an open end fixed at now.
     */
    Window dataWindow(Long start, Long end) {
        Long range = configuration.getTimeRange();
        long now = clock.instant().getEpochSecond();
        Window w;
        if (time != null && start == null && end == null) {
            w = new Window(time, time);
        } else if (start != null && end != null) {
            w = new Window(start, end);
        } else if (start != null) {
            w = new Window(start, range != null ? start + range : Math.max(now, start));
        } else if (end != null) {
            w = new Window(range != null ? end - range : null, end);
        } else {
            w = new Window(range != null ? now - range : null, now);
        }
        if (w.start() != null && w.start() > w.end()) {
            throw new EsmondValidationException("timeStart", w.start(), "is after the time end " + w.end());
        }
        return w;
    }

    /** A fixed time window of a data request: start (inclusive, null = from the beginning), end (inclusive). */
    record Window(Long start, long end) {
    }

    /**
     * The series of an event type (base, or one summary) to read: of the metadata named by key, or of every metadata
     * the filters match. A metadata without that event type or summary has no series; a named one is an error.
     */
    List<EsmondDataIterator.Series> series(String metadataKey, String eventType, EsmondSummaryType summary, Long window)
            throws Exception {
        List<EsmondDataIterator.Series> series = new ArrayList<>();
        if (!blank(metadataKey)) {
            EsmondMetadata metadata = client.metadata(metadataKey);
            EsmondDataIterator.Series one = series(metadata, eventType, summary, window);
            if (one == null) {
                throw new EsmondValidationException("eventType", eventType,
                        "metadata " + metadataKey + " has no such event type"
                                + (summary == null || summary == EsmondSummaryType.BASE
                                        ? ""
                                        : " with a " + summary.jsonName() + " summary of " + window + " s")
                                + "; it has " + metadata.getEventTypes());
            }
            series.add(one);
            return series;
        }
        EsmondClient.Query filters = metadataFilters(eventType, summary, window);
        for (EsmondMetadata metadata : client.metadata(filters, configuration.getPageSize())) {
            EsmondDataIterator.Series one = series(metadata, eventType, summary, window);
            if (one != null) {
                series.add(one);
            }
        }
        return series;
    }

    private EsmondDataIterator.Series series(EsmondMetadata metadata, String eventType, EsmondSummaryType summary,
            Long window) {
        EsmondEventType et = metadata.eventType(eventType);
        if (et == null || metadata.getMetadataKey() == null) {
            return null;
        }
        if (summary == null || summary == EsmondSummaryType.BASE) {
            String uri = et.getBaseUri() != null
                    ? et.getBaseUri()
                    : client.path(metadata.getMetadataKey(), eventType, "base");
            return new EsmondDataIterator.Series(metadata, eventType, EsmondSummaryType.BASE, 0, uri);
        }
        EsmondSummary s = et.summary(summary.jsonName(), window);
        if (s == null) {
            return null;
        }
        String uri = s.getUri() != null
                ? s.getUri()
                : client.path(metadata.getMetadataKey(), eventType, summary.urlSegment(), String.valueOf(window));
        return new EsmondDataIterator.Series(metadata, eventType, summary, window, uri);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EsmondComponent component = getComponent();
        httpClient = component.acquireHttpClient(configuration, false);
        HttpAuthenticator auth = blank(configuration.getApiKey())
                ? HttpAuthenticator.NONE
                : new HeaderAuthenticator("Authorization", "Token " + configuration.getApiKey());
        TelemetryHttpClient http = TelemetryHttpClient.builder("esmond", httpClient.get(), EsmondClient::failure)
                .options(configuration).rule(EsmondClient.RETRY_RULE).authenticator(auth).sleeper(component.getSleeper())
                .timer(component.deadlineTimer()).log(LOG).build();
        client = new EsmondClient(http, configuration.getUrl(), configuration.getScriptAlias());
        if (configuration.getStateRepository() == null) {
            configuration.setStateRepository(new MemoryStateRepository());
        }
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        if (httpClient != null) {
            httpClient.release();
            httpClient = null;
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return configuration.getUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    /** This endpoint's client; null while stopped. */
    EsmondClient client() {
        return client;
    }

    /** The summaryType option, parsed (null when not set). */
    EsmondSummaryType summaryType() {
        return summaryType;
    }

    /** The timeStart option in UNIX seconds (null when not set). */
    Long timeStart() {
        return timeStart;
    }

    /** The timeEnd option in UNIX seconds (null when not set). */
    Long timeEnd() {
        return timeEnd;
    }

    Clock clock() {
        return clock;
    }

    /** The clock "now" is read from (open time windows, fresh cursors); for tests. */
    public void setClock(Clock clock) {
        this.clock = clock;
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
