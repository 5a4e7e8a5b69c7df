package io.cameltelemetry.initialstate;

import javax.sql.DataSource;

import io.cameltelemetry.common.http.TelemetryHttpConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code initialstate} component and its endpoints (component options are defaults). */
@UriParams
public class InitialStateConfiguration extends TelemetryHttpConfiguration {

    /** ISStreamer's default streaming API. */
    public static final String DEFAULT_BASE_URL = "https://groker.init.st";
    /** Initial State's limit on a request body. */
    public static final int MAX_BODY_BYTES = 1_000_000;

    @UriParam(label = "security", secret = true, description = "The Initial State access key (sent only in the X-IS-AccessKey header). Required, on the "
            + "endpoint or the component.")
    private String accessKey;
    @UriParam(label = "common", defaultValue = DEFAULT_BASE_URL, description = "Base URL of the streaming API; requests go to the paths /api/buckets and /api/events under "
            + "it.")
    private String baseUrl = DEFAULT_BASE_URL;
    @UriParam(label = "producer", description = "When set, the bucket is created with this name when the endpoint starts (an existing bucket "
            + "is kept as it is).")
    private String bucketName;
    @UriParam(label = "producer", description = "The event key of a single-value body without a CamelInitialStateKey "
            + "header.")
    private String key;
    @UriParam(label = "producer", description = "The key prefix of flattened Map, List and object bodies: p gives keys p_name. Unset: dict_, "
            + "list_ or the class name, as ISStreamer's log_object; empty: no prefix.")
    private String keyPrefix;
    @UriParam(label = "producer", defaultValue = "500", description = "The most events in one request; a message with more is split into requests sent in order, "
            + "each also under Initial State's 1,000,000-byte body limit.")
    private int maxEventsPerRequest = 500;
    @UriParam(label = "producer", defaultValue = "3", description = "The most requests per second to Initial State for one access key, shared by every endpoint "
            + "using that key; slower when the server's X-RateLimit headers allow less.")
    private double maxRequestsPerSecond = 3;
    @UriParam(label = "producer", defaultValue = "250", description = "The longest event key accepted (ISStreamer documents 250; the API blueprint says 100).")
    private int maxKeyLength = 250;
    @UriParam(label = "producer", description = "Where batches that could not be sent after the retries (I/O errors, 5xx, 429) are written, "
            + "fsynced, before the exchange completes, and replayed in order later. Unset: such a batch "
            + "fails the exchange.")
    private String spillDirectory;
    @UriParam(label = "producer", description = "A database every replica shares, to spill into instead of spillDirectory (e.g. "
            + "PostgreSQL): each spilled batch is committed before the exchange completes, any replica replays it, one "
            + "replica at a time per bucket, in order, and it is deleted once Initial State accepted it. The table "
            + "named by spillTable and its _dead and _buckets companions are created on start.")
    private DataSource spillDataSource;
    @UriParam(label = "producer", defaultValue = "camel_telemetry_spill", description = "The table of spillDataSource (a plain SQL identifier).")
    private String spillTable = "camel_telemetry_spill";
    @UriParam(label = "producer", defaultValue = "30000", javaType = "java.time.Duration", description = "How often spilled batches are replayed while a spill file is not empty (they are also "
            + "replayed at start and after the next successful send).")
    private long spillReplayInterval = 30_000;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration", description = "Timeout for establishing the TCP/TLS connection.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "120000", javaType = "java.time.Duration", description = "Timeout waiting for a response and for each read of it (ISStreamer: 120 s).")
    private long requestTimeout = 120_000;

    public InitialStateConfiguration copy() {
        return (InitialStateConfiguration) copyConfiguration();
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public int getMaxEventsPerRequest() {
        return maxEventsPerRequest;
    }

    public void setMaxEventsPerRequest(int maxEventsPerRequest) {
        this.maxEventsPerRequest = maxEventsPerRequest;
    }

    public double getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(double maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public int getMaxKeyLength() {
        return maxKeyLength;
    }

    public void setMaxKeyLength(int maxKeyLength) {
        this.maxKeyLength = maxKeyLength;
    }

    public String getSpillDirectory() {
        return spillDirectory;
    }

    public void setSpillDirectory(String spillDirectory) {
        this.spillDirectory = spillDirectory;
    }

    public DataSource getSpillDataSource() {
        return spillDataSource;
    }

    public void setSpillDataSource(DataSource spillDataSource) {
        this.spillDataSource = spillDataSource;
    }

    public String getSpillTable() {
        return spillTable;
    }

    public void setSpillTable(String spillTable) {
        this.spillTable = spillTable;
    }

    public long getSpillReplayInterval() {
        return spillReplayInterval;
    }

    public void setSpillReplayInterval(long spillReplayInterval) {
        this.spillReplayInterval = spillReplayInterval;
    }

    @Override
    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
