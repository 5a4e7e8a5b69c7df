package io.cameltelemetry.pylot;

import io.cameltelemetry.common.http.TelemetryHttpConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Options of the {@code pylot} component and its endpoints. The component holds the defaults; each endpoint gets a
 * copy it may override.
 */
@UriParams
public class PylotConfiguration extends TelemetryHttpConfiguration {

    /** The reference client's hard-coded PYLOT input API. */
    public static final String DEFAULT_BASE_URL = "https://input-api.pylot.app";
    /** The reference client's rows-per-request limit, the most PYLOT is known to accept. */
    public static final int MAX_ROWS_LIMIT = 450;

    @UriParam(label = "security", secret = true, description = "PYLOT login (HTTP Basic user name), issued by the PYLOT team. Required, on the endpoint "
            + "or the component.")
    private String username;
    @UriParam(label = "security", secret = true, description = "PYLOT password (HTTP Basic), issued by the PYLOT team. Required, on the endpoint or the "
            + "component.")
    private String password;
    @UriParam(label = "common", defaultValue = DEFAULT_BASE_URL, description = "Base URL of the PYLOT input API; requests go to the path /api/measurements under it.")
    private String baseUrl = DEFAULT_BASE_URL;
    @UriParam(label = "producer", description = "Default node for measurements whose body and CamelPylotNode header do not name one.")
    private String node;
    @UriParam(label = "producer", description = "Default metric id for a single-number body without a CamelPylotMetric header.")
    private String metric;
    @UriParam(label = "producer", description = "The greenhouse time zone (e.g. Europe/Amsterdam), used to turn Instant, ZonedDateTime, "
            + "OffsetDateTime, Date, epoch-millis and zoned ISO-8601 timestamps into local wall-clock "
            + "time, and for 'now'. Default: the JVM's default time zone.")
    private String zoneId;
    @UriParam(label = "producer", defaultValue = "450", description = "The most rows sent in one request (1 to 450); larger batches are split into requests "
            + "sent in order.")
    private int maxRowsPerRequest = MAX_ROWS_LIMIT;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration", description = "Timeout for establishing the TCP/TLS connection.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration", description = "Timeout waiting for the response of one request (socket/response timeout).")
    private long requestTimeout = 60_000;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public String getZoneId() {
        return zoneId;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId;
    }

    public int getMaxRowsPerRequest() {
        return maxRowsPerRequest;
    }

    public void setMaxRowsPerRequest(int maxRowsPerRequest) {
        this.maxRowsPerRequest = maxRowsPerRequest;
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

    public PylotConfiguration copy() {
        return (PylotConfiguration) copyConfiguration();
    }

}
