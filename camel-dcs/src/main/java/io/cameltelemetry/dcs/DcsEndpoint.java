package io.cameltelemetry.dcs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cameltelemetry.common.TelemetryEndpoint;
import io.cameltelemetry.common.TelemetryEndpointSupport;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.dcs.client.DcsClient;
import io.cameltelemetry.dcs.client.DcsReadingIterator;
import io.cameltelemetry.dcs.client.DcsSession;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Read meters, virtual meters and register/virtual-meter readings from Coherent Research DCS (public and legacy v3
 * APIs), and poll new readings.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dcs", title = "Coherent Research DCS", syntax = "dcs:operation", category = {
        Category.MONITORING, Category.IOT }, headersClass = DcsConstants.class)
public class DcsEndpoint extends ScheduledPollEndpoint implements TelemetryEndpoint {

    @UriPath(description = "What to do: readings (producer and polling consumer), meters, virtualMeters or status "
            + "(public API only).")
    @Metadata(required = true)
    private final DcsOperation operation;

    @UriParam
    private DcsConfiguration configuration;

    private DcsApiVersion api;
    private DcsPeriodType period;
    private DcsReadingsQuery query;
    private Instant startTime;
    private Instant endTime;
    private final TelemetryEndpointSupport support;
    private DcsSession session;
    private DcsClient client;

    public DcsEndpoint(String uri, DcsComponent component, DcsOperation operation, DcsConfiguration configuration) {
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
    public DcsComponent getComponent() {
        return (DcsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new DcsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != DcsOperation.readings) {
            throw new DcsValidationException("operation", operation, "only dcs:readings can be polled");
        }
        if (configuration.getId() == null) {
            throw new DcsValidationException("id", null, "the readings consumer needs an id");
        }
        DcsConsumer consumer = new DcsConsumer(this, processor);
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
        api = configuration.getApiVersion() == null ? DcsApiVersion.PUBLIC : configuration.getApiVersion();
        BaseUrl.check("baseUrl", configuration.getBaseUrl(), "https://host/DCSWebApi", DcsValidationException::new);
        configuration.validateHttpOptions(DcsValidationException::new);
        boolean hasUser = configuration.getUsername() != null && !configuration.getUsername().isEmpty();
        boolean hasPassword = configuration.getPassword() != null && !configuration.getPassword().isEmpty();
        if (hasUser != hasPassword) {
            throw new DcsValidationException(hasUser ? "password" : "username", null,
                    "give both username and password, or neither for the public unauthenticated API");
        }
        if (api == DcsApiVersion.PUBLIC) {
            rejectOnPublic("useLocalTime", configuration.getUseLocalTime());
            rejectOnPublic("decimalPlaces", configuration.getDecimalPlaces());
            rejectOnPublic("source", configuration.getSource());
        } else {
            if (configuration.getFormat() != null) {
                throw new DcsValidationException("format", configuration.getFormat().wireName(),
                        "the legacy API has no format option (its readings always carry totalValue and periodValue)");
            }
            if (operation == DcsOperation.status) {
                throw new DcsValidationException("operation", operation, "status exists on the public API only");
            }
            if (!hasUser) {
                throw new DcsValidationException("username", null, "the legacy API needs a username and password");
            }
        }
        DcsPeriodType p = configuration.getPeriodType();
        DcsPeriodType alias = configuration.getIntegrationPeriod();
        if (p != null && alias != null && p != alias) {
            throw new DcsValidationException("integrationPeriod", alias.wireName(), "contradicts periodType " + p.wireName());
        }
        period = p != null ? p : alias != null ? alias : DcsPeriodType.HALF_HOUR;
        Integer dp = configuration.getDecimalPlaces();
        if (dp != null && (dp < 0 || dp > 15)) {
            throw new DcsValidationException("decimalPlaces", dp, "must be between 0 and 15");
        }
        if (configuration.getId() != null) {
            query = query(configuration.getId(), period);
        }
        startTime = DcsTimes.toInstant("startTime", configuration.getStartTime());
        endTime = DcsTimes.toInstant("endTime", configuration.getEndTime());
        DcsChunkPlan.window(period, maxWindow());
    }

    private void rejectOnPublic(String option, Object value) {
        if (value != null) {
            throw new DcsValidationException(option, value, "is a legacy API option; the public API does not support it");
        }
    }

    /** The readings query for an id (option or header) and period type. */
    DcsReadingsQuery query(Object id, DcsPeriodType periodType) {
        DcsReadingsQuery.Target target = DcsReadingsQuery.parseId(id, configuration.isIsVirtual());
        boolean virtual = target.virtual();
        DcsFormat format = configuration.getFormat();
        if (virtual && format == DcsFormat.COMPLETE) {
            throw new DcsValidationException("format", format.wireName(), "complete is not available for virtual meters");
        }
        return new DcsReadingsQuery(api, target.id(), target.number(), virtual, periodType,
                configuration.isCalibrated(), configuration.isInterpolated(), format == null ? null : format.wireName(),
                configuration.getUseLocalTime(), configuration.getDecimalPlaces(),
                configuration.getSource() == null ? null : configuration.getSource().wireName());
    }

    /** Opens the readings of a range as one continuous, lazily read sequence (windows of maxWindow). */
    DcsReadingIterator openReadings(DcsReadingsQuery q, DcsReadingsQuery.Range range) throws Exception {
        List<DcsChunkPlan.Window> windows = q.windows(range, maxWindow());
        boolean whole = windows.size() == 1;
        return new DcsReadingIterator(api, windows.size(), i -> {
            DcsChunkPlan.Window w = windows.get(i);
            DcsReadingsQuery.Range r = whole
                    ? range
                    : new DcsReadingsQuery.Range(w.start(), w.end(), null, false, w.start(), w.end());
            return client.open(q.method(r, whole));
        });
    }

    Duration maxWindow() {
        return Duration.ofMillis(configuration.getMaxWindow());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        session = support.hold(getComponent().acquireSession(api, configuration));
        client = new DcsClient(session, session.client(support));
        configuration.stateRepositoryOrMemory();
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        session = null;
        support.releaseAll();
        super.doStop();
    }

    /** This endpoint's client (its session and retry settings); null while stopped. */
    DcsClient client() {
        return client;
    }

    /** The session this endpoint uses; null while stopped. */
    DcsSession session() {
        return session;
    }

    DcsApiVersion api() {
        return api;
    }

    DcsPeriodType period() {
        return period;
    }

    /** The query from the id option (null when the endpoint has no id). */
    DcsReadingsQuery defaultQuery() {
        return query;
    }

    /** The startTime option, parsed (null when not set). */
    Instant startTime() {
        return startTime;
    }

    /** The endTime option, parsed (null when not set). */
    Instant endTime() {
        return endTime;
    }

    public DcsOperation getOperation() {
        return operation;
    }

    public DcsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DcsConfiguration configuration) {
        this.configuration = configuration;
    }
}
