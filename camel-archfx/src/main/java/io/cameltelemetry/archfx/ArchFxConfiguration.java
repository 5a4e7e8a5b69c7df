package io.cameltelemetry.archfx;

import io.cameltelemetry.common.TelemetryPollingConfiguration;
import io.cameltelemetry.common.state.IdAllocator;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code archfx} component and its endpoints (component options are defaults; endpoints get a copy). */
@UriParams
public class ArchFxConfiguration extends TelemetryPollingConfiguration {

    @UriParam(label = "common", defaultValue = "https://arch.archfx.io", description = "The ArchFX Cloud address (https://arch.archfx.io or https://customer.archfx.io); the API is under /api/v1/ there. "
            + "A trailing slash is removed.")
    private String baseUrl = "https://arch.archfx.io";
    @UriParam(label = "security", secret = true, description = "The account's email, to log in with password (POST /auth/login/).")
    private String email;
    @UriParam(label = "security", secret = true, description = "The account's password; sent only in the login request's body.")
    private String password;
    @UriParam(label = "security", secret = true, description = "An existing token instead of email and password: a JWT (tokenType jwt) or a DRF API "
            + "token (tokenType token). Never logged out.")
    private String token;
    @UriParam(label = "security", defaultValue = "jwt", description = "The word before the token in the Authorization header: jwt for JWTs (the reference "
            + "client's), token for DRF API tokens, or what the server wants (e.g. Bearer).")
    private String tokenType = "jwt";

    @UriParam(label = "producer,report", description = "report: the device the reports are of, in any form ArchFxDeviceSlug.parse accepts "
            + "(d--0000-0000-0000-0abc, 0abc, m--...).")
    private String device;
    @UriParam(label = "producer,report", defaultValue = "256", description = "report: the streamer index (streamer_index); with the device, the key the cloud "
            + "de-duplicates reading ids by.")
    private int streamer = 256;
    @UriParam(label = "producer,report", defaultValue = "65535", description = "report: the streamer selector (streamer_selector).")
    private int selector = 65535;
    @UriParam(label = "producer,report", defaultValue = "10000", description = "report: the most readings in one report; a larger message becomes several reports, "
            + "uploaded in order, each after the previous one was acknowledged.")
    private int maxReadingsPerReport = 10_000;
    @UriParam(label = "producer,report", description = "report: where the reading and report id counters per device and streamer are kept, "
            + "always above every id sent or seen, so ids are never reused, e.g. a FileStateRepository. archfx:report "
            + "needs this or idAllocator and does not start without one: ids kept in memory would start again at 1 "
            + "after a restart, and the cloud would ignore the readings as already seen.")
    private StateRepository<String, String> idRepository;
    @UriParam(label = "producer,report", description = "report: hands out reading and report ids atomically across replicas, e.g. a "
            + "io.cameltelemetry.common.state.JdbcIdAllocator on the database the replicas share (a block per report). "
            + "Takes the place of idRepository.")
    private IdAllocator idAllocator;
    @UriParam(label = "producer,report", description = "report: an io.cameltelemetry.archfx.ArchFxReportLedger on the database "
            + "the replicas share, which uploads the reports of every replica one at a time per streamer: ids are given "
            + "under its lock, a report an upload left unanswered is uploaded again (same ids) before anything newer, "
            + "and a batch uploaded before is not uploaded again. Needed with several replicas (the cloud drops readings "
            + "whose ids are not above the last it has), with idAllocator; points must then come without ids.")
    private ArchFxReportLedger reportLedger;

    @UriParam(label = "producer,api", description = "api: the resource path below /api/v1/ (org, machine/m--0000-0001/devices, "
            + "streamer/report).")
    private String resource;
    @UriParam(label = "producer,api", description = "api: one more path segment (an id or slug), percent-encoded; 0 is a real id.")
    private String id;
    @UriParam(label = "producer,api", defaultValue = "GET", enums = "GET,POST,PUT,PATCH,DELETE", description = "api: the HTTP method.")
    private String method = "GET";
    @UriParam(label = "producer,api", defaultValue = "false", description = "api: return the JSON text as it came (a String) instead of Map/List.")
    private boolean rawJson;
    @UriParam(label = "producer,api", defaultValue = "false", description = "api (GET): follow the pages' next links and return every results item as one "
            + "List, or (with streaming) an Iterator that fetches pages as it goes.")
    private boolean paginate;

    @UriParam(label = "consumer", description = "data: the stream slug (sl--, sa--, ss-- or sd--...) or device slug (d--...) whose data is polled.")
    private String filter;
    @UriParam(label = "consumer", description = "data: where a fresh cursor starts (ISO-8601, naive = UTC). Default: now.")
    private String startTime;
    @UriParam(label = "consumer", defaultValue = "false", description = "data: the exchange body is the whole record as a Map instead of its value.")
    private boolean outputRecord;
    @UriParam(label = "consumer", defaultValue = "1000", description = "data: records per page (the server's default is 1000, its maximum 10000).")
    private int pageSize = 1000;
    @UriParam(label = "common", defaultValue = "1000", description = "The most pages one data poll reads of one window, or one api request with paginate "
            + "follows. A server that answers page after page (a proxy that drops the page "
            + "parameter: the same page with a next link forever) stops there with an "
            + "TelemetryMalformedResponseException and a WARN, as it does at once when a page repeats "
            + "a page link or brings no record that is new.")
    private int maxPages = 1000;
    @UriParam(label = "consumer", defaultValue = "1d", javaType = "java.time.Duration", description = "data: the longest time window one poll reads; a backlog is read window by window.")
    private long maxWindow = 24L * 3600 * 1000;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration", description = "Connect timeout.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration", description = "Read timeout: the longest wait for the response and for each read of its body.")
    private long requestTimeout = 60_000;

    public ArchFxConfiguration copy() {
        return (ArchFxConfiguration) copyConfiguration();
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

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenType() {
        return tokenType;
    }

    public void setTokenType(String tokenType) {
        this.tokenType = tokenType;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public int getStreamer() {
        return streamer;
    }

    public void setStreamer(int streamer) {
        this.streamer = streamer;
    }

    public int getSelector() {
        return selector;
    }

    public void setSelector(int selector) {
        this.selector = selector;
    }

    public int getMaxReadingsPerReport() {
        return maxReadingsPerReport;
    }

    public void setMaxReadingsPerReport(int maxReadingsPerReport) {
        this.maxReadingsPerReport = maxReadingsPerReport;
    }

    public ArchFxReportLedger getReportLedger() {
        return reportLedger;
    }

    public void setReportLedger(ArchFxReportLedger reportLedger) {
        this.reportLedger = reportLedger;
    }

    public IdAllocator getIdAllocator() {
        return idAllocator;
    }

    public void setIdAllocator(IdAllocator idAllocator) {
        this.idAllocator = idAllocator;
    }

    public StateRepository<String, String> getIdRepository() {
        return idRepository;
    }

    public void setIdRepository(StateRepository<String, String> idRepository) {
        this.idRepository = idRepository;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public boolean isRawJson() {
        return rawJson;
    }

    public void setRawJson(boolean rawJson) {
        this.rawJson = rawJson;
    }

    public boolean isPaginate() {
        return paginate;
    }

    public void setPaginate(boolean paginate) {
        this.paginate = paginate;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public boolean isOutputRecord() {
        return outputRecord;
    }

    public void setOutputRecord(boolean outputRecord) {
        this.outputRecord = outputRecord;
    }

    public int getMaxPages() {
        return maxPages;
    }

    public void setMaxPages(int maxPages) {
        this.maxPages = maxPages;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public long getMaxWindow() {
        return maxWindow;
    }

    public void setMaxWindow(long maxWindow) {
        this.maxWindow = maxWindow;
    }

}
