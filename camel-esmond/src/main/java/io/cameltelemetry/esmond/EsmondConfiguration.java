package io.cameltelemetry.esmond;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cameltelemetry.common.http.TelemetryHttpConfiguration;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code esmond} component and its endpoints (component options are defaults; endpoints get a copy). */
@UriParams
public class EsmondConfiguration extends TelemetryHttpConfiguration {

    @UriParam(label = "common", description = "The archive's scheme, host and port, e.g. http://archive.example.net or "
            + "https://ps.example.org:8443 (no path: see scriptAlias). Required.")
    private String url;
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

    @UriParam(label = "filter", description = "Metadata filter: the source IP or host name (the server resolves names).")
    private String source;
    @UriParam(label = "filter", description = "Metadata filter: the destination IP or host name (point-to-point only).")
    private String destination;
    @UriParam(label = "filter", description = "Metadata filter: the measurement agent IP or host name.")
    private String measurementAgent;
    @UriParam(label = "filter", description = "Metadata filter: the input source, matched exactly as given when the test ran.")
    private String inputSource;
    @UriParam(label = "filter", description = "Metadata filter: the input destination, matched exactly.")
    private String inputDestination;
    @UriParam(label = "filter", description = "Metadata filter: the tool, e.g. bwctl/iperf3, owamp/powstream, pscheduler/iperf3.")
    private String toolName;
    @UriParam(label = "filter", enums = "point-to-point,network-element", description = "Metadata filter: point-to-point or network-element.")
    private String subjectType;
    @UriParam(label = "filter", description = "The event type: a metadata filter, and what data, postData and the consumer read "
            + "or write, e.g. throughput, packet-loss-rate, histogram-owdelay.")
    private String eventType;
    @UriParam(label = "filter", enums = "base,aggregation,average,statistics", description = "A summary type (JSON name): a metadata filter, and which summary data and the "
            + "consumer read instead of the base data. Needs summaryWindow (except base).")
    private String summaryType;
    @UriParam(label = "filter", description = "The summary window in seconds, e.g. 86400: a metadata filter and, with "
            + "summaryType, the summary to read.")
    private Long summaryWindow;
    @UriParam(label = "filter", description = "Only metadata whose event types were updated exactly at this UNIX second; "
            + "for data, only points at it.")
    private String time;
    @UriParam(label = "filter", description = "Start of the time filter (inclusive): UNIX seconds or ISO-8601 text "
            + "(2014-02-05T00:00:00Z). For metadata it applies to the time each event type was updated, for data to the "
            + "points. Consumer: where a fresh cursor begins.")
    private String timeStart;
    @UriParam(label = "filter", description = "End of the time filter (inclusive): UNIX seconds or ISO-8601 text.")
    private String timeEnd;
    @UriParam(label = "filter", description = "Length of the time filter in seconds: after timeStart, before timeEnd, or "
            + "up to now. Consumer: a fresh cursor without timeStart begins this long ago (default 3600).")
    private Long timeRange;
    @UriParam(label = "filter", enums = "v4v6,only-v4,only-v6,prefer-v4,prefer-v6", description = "How the server resolves host names in source, destination and "
            + "measurementAgent (server default v4v6).")
    private String dnsMatchRule;
    @UriParam(label = "filter", prefix = "filter.", multiValue = true, description = "Free-form metadata filters, matched exactly against a metadata's parameters: "
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
    @UriParam(label = "producer", defaultValue = "true", description = "data: return the points as a closeable Iterator read page by page from the responses "
            + "(constant memory; use split().streaming()); false returns a List.")
    private boolean streaming = true;
    @UriParam(label = "consumer", defaultValue = "0", description = "The most points one poll emits (0 = every new point); the rest follow in the next "
            + "polls.")
    private int maxMessagesPerPoll;
    @UriParam(label = "consumer", description = "Where the consumer keeps its cursors (per metadata key, event type and summary: the last "
            + "second delivered and how many points of it). Default: in memory; a FileStateRepository "
            + "survives restarts.")
    private StateRepository<String, String> stateRepository;
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

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
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

    public String getTimeStart() {
        return timeStart;
    }

    public void setTimeStart(String timeStart) {
        this.timeStart = timeStart;
    }

    public String getTimeEnd() {
        return timeEnd;
    }

    public void setTimeEnd(String timeEnd) {
        this.timeEnd = timeEnd;
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

    public boolean isStreaming() {
        return streaming;
    }

    public void setStreaming(boolean streaming) {
        this.streaming = streaming;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public boolean isSkipDuplicates() {
        return skipDuplicates;
    }

    public void setSkipDuplicates(boolean skipDuplicates) {
        this.skipDuplicates = skipDuplicates;
    }
}
