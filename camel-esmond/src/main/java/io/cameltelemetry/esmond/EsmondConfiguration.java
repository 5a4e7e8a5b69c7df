package io.cameltelemetry.esmond;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cameltelemetry.common.TelemetryPollingConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code esmond} component and its endpoints (component options are defaults; endpoints get a copy). */
@UriParams
public class EsmondConfiguration extends TelemetryPollingConfiguration {

    @UriParam(label = "common", description = "The archive's address: scheme, host and port, e.g. http://archive.example.net or "
            + "https://ps.example.org:8443 (no path: see scriptAlias). Required.")
    private String baseUrl;
    @UriParam(label = "common", defaultValue = "esmond", description = "The path esmond is mounted under (Apache's WSGIScriptAlias of packaged installs). "
            + "Empty for none (the Django development server).")
    private String scriptAlias = "esmond";
    @UriParam(label = "security", secret = true, description = "The esmond user name. Not sent (esmond identifies the user by the api key); writes "
            + "need both username and apiKey, as the Python client.")
    private String username;
    @UriParam(label = "security", secret = true, description = "The esmond API key, sent only as the Authorization: Token header of writes. Reads are "
            + "anonymous.")
    private String apiKey;
    @UriParam(label = "common", defaultValue = "1000", description = "Page size: the limit of each metadata and data request (paged with offset), and the "
            + "most ts entries of one bulk PUT.")
    private int pageSize = 1000;

    @UriParam(label = "common,filter", description = "Metadata filter: the source IP or host name (the server resolves names).")
    private String source;
    @UriParam(label = "common,filter", description = "Metadata filter: the destination IP or host name (point-to-point only).")
    private String destination;
    @UriParam(label = "common,filter", description = "Metadata filter: the measurement agent IP or host name.")
    private String measurementAgent;
    @UriParam(label = "common,filter", description = "Metadata filter: the input source, matched exactly as given when the test ran.")
    private String inputSource;
    @UriParam(label = "common,filter", description = "Metadata filter: the input destination, matched exactly.")
    private String inputDestination;
    @UriParam(label = "common,filter", description = "Metadata filter: the tool, e.g. bwctl/iperf3, owamp/powstream, pscheduler/iperf3.")
    private String toolName;
    @UriParam(label = "common,filter", enums = "point-to-point,network-element", description = "Metadata filter: point-to-point or network-element.")
    private String subjectType;
    @UriParam(label = "common,filter", description = "The event type: a metadata filter, and what data, postData and the consumer read "
            + "or write, e.g. throughput, packet-loss-rate, histogram-owdelay.")
    private String eventType;
    @UriParam(label = "common,filter", enums = "base,aggregation,average,statistics", description = "A summary type (JSON name): a metadata filter, and which summary data and the "
            + "consumer read instead of the base data. Needs summaryWindow (except base).")
    private String summaryType;
    @UriParam(label = "common,filter", description = "The summary window in seconds, e.g. 86400: a metadata filter and, with "
            + "summaryType, the summary to read.")
    private Long summaryWindow;
    @UriParam(label = "common,filter", description = "Only metadata whose event types were updated exactly at this UNIX second; "
            + "for data, only points at it.")
    private String time;
    @UriParam(label = "common,filter", description = "Start of the time filter (inclusive): UNIX seconds or ISO-8601 text "
            + "(2014-02-05T00:00:00Z). For metadata it applies to the time each event type was updated, for data to the "
            + "points. Consumer: where a fresh cursor begins.")
    private String startTime;
    @UriParam(label = "common,filter", description = "End of the time filter (inclusive): UNIX seconds or ISO-8601 text.")
    private String endTime;
    @UriParam(label = "common,filter", description = "Length of the time filter in seconds: after startTime, before endTime, or "
            + "up to now. Consumer: a fresh cursor without startTime begins this long ago (default 3600).")
    private Long timeRange;
    @UriParam(label = "common,filter", enums = "v4v6,only-v4,only-v6,prefer-v4,prefer-v6", description = "How the server resolves host names in source, destination and "
            + "measurementAgent (server default v4v6).")
    private String dnsMatchRule;
    @UriParam(label = "common,filter", prefix = "filter.", multiValue = true, description = "Free-form metadata filters, matched exactly against a metadata's parameters: "
            + "filter.ip-transport-protocol=tcp&filter.bw-parallel-streams=2.")
    private Map<String, Object> filter;

    @UriParam(label = "common", description = "The metadata to read (data, consumer) or write (postData, bulk) instead "
            + "of every metadata the filters match.")
    private String metadataKey;
    @UriParam(label = "producer", defaultValue = "false", description = "postData and bulk: a point the archive already holds at that second (409) is skipped "
            + "instead of failing the message, for at-least-once delivery where a batch may be sent again after a "
            + "crash. bulk then sends the points of the refused request one by one, skipping exactly the stored "
            + "ones. Counted in CamelEsmondSkippedCount.")
    private boolean skipDuplicates;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration", description = "Connect timeout.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "20000", javaType = "java.time.Duration", description = "Read timeout: the longest wait for the response and for each read of its body "
            + "(the Python client: 20 s).")
    private long requestTimeout = 20_000;

    public EsmondConfiguration copy() {
        EsmondConfiguration copy = (EsmondConfiguration) copyConfiguration();
        copy.filter = filter == null ? null : new LinkedHashMap<>(filter);
        return copy;
    }

    @Override
    public long getConnectTimeout() {
        return connectTimeout;
    }

    @Override
    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getScriptAlias() {
        return scriptAlias;
    }

    public void setScriptAlias(String scriptAlias) {
        this.scriptAlias = scriptAlias;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getMeasurementAgent() {
        return measurementAgent;
    }

    public void setMeasurementAgent(String measurementAgent) {
        this.measurementAgent = measurementAgent;
    }

    public String getInputSource() {
        return inputSource;
    }

    public void setInputSource(String inputSource) {
        this.inputSource = inputSource;
    }

    public String getInputDestination() {
        return inputDestination;
    }

    public void setInputDestination(String inputDestination) {
        this.inputDestination = inputDestination;
    }

    public String getToolName() {
        return toolName;
    }

    public void setToolName(String toolName) {
        this.toolName = toolName;
    }

    public String getSubjectType() {
        return subjectType;
    }

    public void setSubjectType(String subjectType) {
        this.subjectType = subjectType;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getSummaryType() {
        return summaryType;
    }

    public void setSummaryType(String summaryType) {
        this.summaryType = summaryType;
    }

    public Long getSummaryWindow() {
        return summaryWindow;
    }

    public void setSummaryWindow(Long summaryWindow) {
        this.summaryWindow = summaryWindow;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getEndTime() {
        return endTime;
    }

    public void setEndTime(String endTime) {
        this.endTime = endTime;
    }

    public Long getTimeRange() {
        return timeRange;
    }

    public void setTimeRange(Long timeRange) {
        this.timeRange = timeRange;
    }

    public String getDnsMatchRule() {
        return dnsMatchRule;
    }

    public void setDnsMatchRule(String dnsMatchRule) {
        this.dnsMatchRule = dnsMatchRule;
    }

    public Map<String, Object> getFilter() {
        return filter;
    }

    public void setFilter(Map<String, Object> filter) {
        this.filter = filter;
    }

    public String getMetadataKey() {
        return metadataKey;
    }

    public void setMetadataKey(String metadataKey) {
        this.metadataKey = metadataKey;
    }

    public boolean isSkipDuplicates() {
        return skipDuplicates;
    }

    public void setSkipDuplicates(boolean skipDuplicates) {
        this.skipDuplicates = skipDuplicates;
    }
}
