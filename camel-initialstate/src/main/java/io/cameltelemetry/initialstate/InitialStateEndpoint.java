package io.cameltelemetry.initialstate;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cameltelemetry.common.TelemetryEndpoint;
import io.cameltelemetry.common.TelemetryEndpointSupport;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.HttpAuthenticator;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.initialstate.client.InitialStateClient;
import io.cameltelemetry.initialstate.client.InitialStatePacer;
import io.cameltelemetry.initialstate.client.Spill;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
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
 * Stream events (key, value, epoch) into an Initial State bucket: paced per access key, split under the API's limits,
 * retried, and spilled to disk rather than lost.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "initialstate", title = "Initial State", syntax = "initialstate:bucketKey", producerOnly = true, category = {
        Category.MONITORING, Category.IOT }, headersClass = InitialStateConstants.class)
public class InitialStateEndpoint extends DefaultEndpoint implements TelemetryEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(InitialStateEndpoint.class);

    @UriPath(description = "The bucket's key (at most 250 characters, no colon, double or single quote); events go there "
            + "unless a message names another bucket in CamelInitialStateBucketKey.")
    @Metadata(required = true)
    private final String bucketKey;

    @UriParam
    private InitialStateConfiguration configuration;

    private final TelemetryEndpointSupport support;
    private TelemetryHttpClient http;
    private InitialStateClient client;
    private ScheduledExecutorService replayer;
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();

    public InitialStateEndpoint(String uri, InitialStateComponent component, String bucketKey,
            InitialStateConfiguration configuration) {
        super(uri, component);
        this.bucketKey = bucketKey;
        this.configuration = configuration;
        this.support = new TelemetryEndpointSupport(component, this::getConfiguration, Clock.systemUTC());
    }

    @Override
    public TelemetryEndpointSupport support() {
        return support;
    }

    @Override
    public InitialStateComponent getComponent() {
        return (InitialStateComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new InitialStateProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("Initial State has no read API: initialstate endpoints can only be used "
                + "in to()");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        checkBucketKey("bucketKey", bucketKey);
        String key = configuration.getAccessKey();
        if (key == null || key.isBlank()) {
            throw new InitialStateValidationException("accessKey", null, "Initial State needs an access key: set accessKey "
                    + "on the endpoint or the initialstate component");
        }
        configuration.validateHttpOptions(InitialStateValidationException::new);
        BaseUrl.check("baseUrl", configuration.getBaseUrl(), InitialStateConfiguration.DEFAULT_BASE_URL,
                InitialStateValidationException::new);
        if (configuration.getMaxEventsPerRequest() < 1) {
            throw new InitialStateValidationException("maxEventsPerRequest", configuration.getMaxEventsPerRequest(),
                    "must be 1 or more");
        }
        if (configuration.getMaxKeyLength() < 1) {
            throw new InitialStateValidationException("maxKeyLength", configuration.getMaxKeyLength(), "must be 1 or more");
        }
        if (configuration.getSpillReplayInterval() < 1) {
            throw new InitialStateValidationException("spillReplayInterval", configuration.getSpillReplayInterval(),
                    "must be more than 0");
        }
        if (configuration.getSpillDataSource() != null && configuration.getSpillDirectory() != null
                && !configuration.getSpillDirectory().isBlank()) {
            throw new InitialStateValidationException("spillDirectory", configuration.getSpillDirectory(),
                    "set spillDirectory (one process) or spillDataSource (replicas sharing a database), not both");
        }
        if (configuration.getBucketName() != null && configuration.getBucketName().length() > 250) {
            throw new InitialStateValidationException("bucketName", configuration.getBucketName(),
                    "Initial State accepts at most 250 characters");
        }
    }

    /** A bucket key as Initial State accepts it: 1 to 250 characters, none of {@code : " '}. */
    static void checkBucketKey(String field, String key) {
        if (key == null || key.isBlank()) {
            throw new InitialStateValidationException(field, key, "the endpoint path must be the bucket key, as in "
                    + "initialstate:greenhouse");
        }
        if (key.length() > 250) {
            throw new InitialStateValidationException(field, key, "Initial State accepts at most 250 characters");
        }
        if (key.indexOf(':') >= 0 || key.indexOf('"') >= 0 || key.indexOf('\'') >= 0) {
            throw new InitialStateValidationException(field, key, "must not contain : \" or '");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        InitialStateComponent component = getComponent();
        InitialStatePacer pacer = component.pacer(configuration.getAccessKey(), configuration.getMaxRequestsPerSecond());
        String accessKey = configuration.getAccessKey();
        HttpAuthenticator key = (request, context, c) -> request.setHeader("X-IS-AccessKey", accessKey);
        http = support.httpClientBuilder("Initial State", support.acquireHttpClient(false),
                InitialStateClient.failures(pacer), LOG).rule(InitialStateClient.retryRule(pacer)).authenticator(key)
                .pacer(pacer).build();
        Spill spillStore = null;
        if (configuration.getSpillDirectory() != null && !configuration.getSpillDirectory().isBlank()) {
            spillStore = support.hold(component.acquireSpillStore(configuration.getSpillDirectory()));
        } else if (configuration.getSpillDataSource() != null) {
            spillStore = support.hold(component.acquireJdbcSpillStore(configuration.getSpillDataSource(),
                    configuration.getSpillTable()));
        }
        client = new InitialStateClient(http, configuration.getBaseUrl(), accessKey, pacer, spillStore);
        if (configuration.getBucketName() != null) {
            // a refusal (wrong key, removed bucket) fails the start; a transient failure is retried at the first send
            try {
                client.createBucket(bucketKey, configuration.getBucketName());
                buckets.add(bucketKey);
            } catch (Exception e) {
                if (e instanceof InitialStateException ise && ise.getStatusCode() < 500 && ise.getStatusCode() != 429) {
                    throw e;
                }
                LOG.warn("Could not create the Initial State bucket {} at start ({}); trying again before the first send",
                        bucketKey, e.getMessage());
            }
        } else {
            buckets.add(bucketKey);
        }
        if (spillStore != null) {
            replayer = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                    "initialstate-spill-replay");
            replayer.scheduleWithFixedDelay(this::replaySpilled, 0, configuration.getSpillReplayInterval(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.debug("Started initialstate endpoint for bucket {} ({})", bucketKey, client);
    }

    /** Replays spilled batches (at start, every spillReplayInterval while there are some, and after a send). */
    void replaySpilled() {
        try {
            if (client != null && client.hasSpilled()) {
                client.replayAll();
            }
        } catch (Exception | Error e) {
            LOG.warn("Replaying spilled Initial State batches failed: {}", e.toString());
        }
    }

    /** Asks for a replay soon, off the caller's thread (after a successful send). */
    void replaySoon() {
        ScheduledExecutorService r = replayer;
        if (r != null && !r.isShutdown()) {
            try {
                r.execute(this::replaySpilled);
            } catch (RejectedExecutionException stopping) {
                // the endpoint is stopping: the next start replays
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (replayer != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(replayer);
            replayer = null;
        }
        client = null;
        http = null;
        support.releaseAll();
        super.doStop();
    }

    /** Creates a bucket the first time this endpoint sends to it (the endpoint's own one, when its start could not). */
    void ensureBucket(String key, String name) throws Exception {
        if (buckets.contains(key)) {
            return;
        }
        checkBucketKey(InitialStateConstants.BUCKET_KEY, key);
        client.createBucket(key, name != null
                ? name
                : key.equals(bucketKey) && configuration.getBucketName() != null
                        ? configuration.getBucketName()
                        : key);
        buckets.add(key);
    }

    @Override
    public String getServiceUrl() {
        return BaseUrl.stripTrailingSlash(configuration.getBaseUrl()) + "/api/events";
    }

    InitialStateClient client() {
        return client;
    }

    TelemetryHttpClient http() {
        return http;
    }

    public String getBucketKey() {
        return bucketKey;
    }

    public InitialStateConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InitialStateConfiguration configuration) {
        this.configuration = configuration;
    }
}
