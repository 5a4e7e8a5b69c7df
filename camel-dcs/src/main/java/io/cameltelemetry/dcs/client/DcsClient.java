package io.cameltelemetry.dcs.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.dcs.model.DcsMeter;
import io.cameltelemetry.dcs.model.DcsVirtualMeter;

/**
 * One endpoint's view of DCS: its executor (retry settings, deadline) on a shared {@link DcsSession}. The only place
 * that knows the API's method paths and JSON types; producers and consumers call these methods.
 */
public final class DcsClient {

    private final DcsSession session;
    private final TelemetryHttpClient http;

    public DcsClient(DcsSession session, TelemetryHttpClient http) {
        this.session = session;
        this.http = http;
    }

    /** Every register ({@code meters}). */
    public List<DcsMeter> meters() throws Exception {
        return session.getJson("meters", new TypeReference<List<DcsMeter>>() {
        }, http);
    }

    /** Every virtual meter ({@code virtualMeters}). */
    public List<DcsVirtualMeter> virtualMeters() throws Exception {
        return session.getJson("virtualMeters", new TypeReference<List<DcsVirtualMeter>>() {
        }, http);
    }

    /** The server's {@code status} document (public API). */
    public Map<String, Object> status() throws Exception {
        return session.getJson("status", new TypeReference<Map<String, Object>>() {
        }, http);
    }

    /** Opens a readings request (a method built by DcsReadingsQuery); the caller closes it. */
    public DcsSession.LockedResponse open(String method) throws Exception {
        return session.get(method, http);
    }

    public DcsSession session() {
        return session;
    }

    public TelemetryHttpClient http() {
        return http;
    }
}
