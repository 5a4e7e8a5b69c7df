package io.cameltelemetry.dcs;

import io.cameltelemetry.common.TelemetryPollingConfiguration;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of the {@code dcs} component and its endpoints (component options are defaults; endpoints get a copy). */
@UriParams
public class DcsConfiguration extends TelemetryPollingConfiguration {

    @UriParam(label = "common", defaultValue = "public", enums = "public,legacy", description = "The DCS API generation: public (the current DcsWebApi, e.g. https://host/DCSWebApi) or "
            + "legacy (the deprecated v3 API under https://host/DCS/api).")
    private DcsApiVersion apiVersion = DcsApiVersion.PUBLIC;
    @UriParam(label = "common", description = "Base URL of the DCS API, e.g. https://host/DCSWebApi (public) or "
            + "https://host/DCS (legacy). Required.")
    private String baseUrl;
    @UriParam(label = "security", secret = true, description = "DCS user name. Without credentials the public API's unauthenticated /public/ paths are "
            + "used.")
    private String username;
    @UriParam(label = "security", secret = true, description = "DCS password.")
    private String password;
    @UriParam(label = "common", description = "The register or virtual meter to read: a number (a register, or a "
            + "virtual meter with isVirtual=true), or R733 / VM9.")
    private String id;
    @UriParam(label = "common", defaultValue = "false", description = "Whether a numeric id is a virtual meter (VM) rather than a register (R).")
    private boolean isVirtual;
    @UriParam(label = "common", description = "Start of the readings (inclusive, UTC), ISO-8601, aligned to the "
            + "period. Consumer: where a fresh cursor begins (default now minus one "
            + "day).")
    private String startTime;
    @UriParam(label = "producer", description = "End of the readings (exclusive, UTC), ISO-8601, aligned to the period.")
    private String endTime;
    @UriParam(label = "producer", description = "Number of periods. Exactly two of startTime, endTime and periodCount "
            + "must be given.")
    private Integer periodCount;
    @UriParam(label = "common", defaultValue = "halfHour", enums = "halfHour,hour,day,week,month", description = "The reading period. Weeks start on Monday, months on the 1st (UTC).")
    private DcsPeriodType periodType;
    @UriParam(label = "common", enums = "halfHour,hour,day,week,month", description = "Legacy name of periodType (the v3 API's integrationPeriod).")
    private DcsPeriodType integrationPeriod;
    @UriParam(label = "common", defaultValue = "true", description = "Ask for calibrated readings (pythondcs's default; "
            + "the server's is false).")
    private boolean calibrated = true;
    @UriParam(label = "common", defaultValue = "true", description = "Ask for interpolated readings where real ones are "
            + "missing (pythondcs's default; the server's is "
            + "false).")
    private boolean interpolated = true;
    @UriParam(label = "common", enums = "standard,complete", description = "Public API readings format: standard (value) or complete (totalValue and periodValue, "
            + "registers only). Default standard.")
    private DcsFormat format;
    @UriParam(label = "common", description = "Legacy API only: times in UK local time (GMT/BST) instead of UTC.")
    private Boolean useLocalTime;
    @UriParam(label = "common", description = "Legacy API only: decimal places of the values (0-15).")
    private Integer decimalPlaces;
    @UriParam(label = "common", enums = "automatic,manual,merged", description = "Legacy API only: the reading source.")
    private DcsSource source;
    @UriParam(label = "common", defaultValue = "365d", javaType = "java.time.Duration", description = "The longest range read in one request; longer ranges are split into aligned windows "
            + "exactly like pythondcs largereadings and read as one continuous result.")
    private long maxWindow = 365L * 24 * 3600 * 1000;
    @UriParam(label = "advanced", defaultValue = "3050", javaType = "java.time.Duration", description = "Connect timeout (pythondcs: 3.05 s).")
    private long connectTimeout = 3050;
    @UriParam(label = "advanced", defaultValue = "120000", javaType = "java.time.Duration", description = "Read timeout (pythondcs: 120 s).")
    private long requestTimeout = 120_000;

    public DcsConfiguration copy() {
        return (DcsConfiguration) copyConfiguration();
    }

    public DcsApiVersion getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(DcsApiVersion apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

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

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public boolean isIsVirtual() {
        return isVirtual;
    }

    public void setIsVirtual(boolean isVirtual) {
        this.isVirtual = isVirtual;
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

    public Integer getPeriodCount() {
        return periodCount;
    }

    public void setPeriodCount(Integer periodCount) {
        this.periodCount = periodCount;
    }

    public DcsPeriodType getPeriodType() {
        return periodType;
    }

    public void setPeriodType(DcsPeriodType periodType) {
        this.periodType = periodType;
    }

    public DcsPeriodType getIntegrationPeriod() {
        return integrationPeriod;
    }

    public void setIntegrationPeriod(DcsPeriodType integrationPeriod) {
        this.integrationPeriod = integrationPeriod;
    }

    public boolean isCalibrated() {
        return calibrated;
    }

    public void setCalibrated(boolean calibrated) {
        this.calibrated = calibrated;
    }

    public boolean isInterpolated() {
        return interpolated;
    }

    public void setInterpolated(boolean interpolated) {
        this.interpolated = interpolated;
    }

    public DcsFormat getFormat() {
        return format;
    }

    public void setFormat(DcsFormat format) {
        this.format = format;
    }

    public Boolean getUseLocalTime() {
        return useLocalTime;
    }

    public void setUseLocalTime(Boolean useLocalTime) {
        this.useLocalTime = useLocalTime;
    }

    public Integer getDecimalPlaces() {
        return decimalPlaces;
    }

    public void setDecimalPlaces(Integer decimalPlaces) {
        this.decimalPlaces = decimalPlaces;
    }

    public DcsSource getSource() {
        return source;
    }

    public void setSource(DcsSource source) {
        this.source = source;
    }

    public long getMaxWindow() {
        return maxWindow;
    }

    public void setMaxWindow(long maxWindow) {
        this.maxWindow = maxWindow;
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
