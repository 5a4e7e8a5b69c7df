package io.cameltelemetry.archfx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cameltelemetry.archfx.client.ArchFxClient;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.report.ArchFxReportEncoder;
import io.cameltelemetry.archfx.report.ArchFxReportEncoder.IdRange;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import io.cameltelemetry.archfx.slug.ArchFxStreamerSlug;
import io.cameltelemetry.common.TelemetryProducer;
import io.cameltelemetry.common.TelemetryTimes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * report: uploads the body's data points as v200 reports of at most maxReadingsPerReport readings, in order, each
 * after the previous one was acknowledged; api: one REST request (or every page with paginate). Arguments are checked
 * before any I/O.
 */
public class ArchFxProducer extends TelemetryProducer {

    /**
     * The exchange property that keeps the reading and report ids a message was given, so that Camel's redelivery
     * sends the same ids again (the cloud drops what it already has) instead of new ones (it would ingest them twice).
     */
    public static final String ASSIGNED_IDS = "CamelArchFxAssignedIds";

    /**
     * The ids given to one message's points by one endpoint: reused when the same points of the same streamer come
     * again on the same exchange (a redelivery).
     */
    record AssignedIds(String endpointUri, ArchFxStreamerSlug streamer, List<ArchFxDataPoint> points,
            List<ArchFxDataPoint> numbered, Long firstReportId, List<Long> reportIds) {

        boolean matches(String uri, ArchFxStreamerSlug s, List<ArchFxDataPoint> p) {
            return endpointUri.equals(uri) && streamer.equals(s) && points.equals(p);
        }
    }

    private final ArchFxEndpoint endpoint;

    public ArchFxProducer(ArchFxEndpoint endpoint) {
        super(endpoint, "ArchFX", () -> endpoint.client() == null ? null : endpoint.client().http());
        this.endpoint = endpoint;
    }

    private ArchFxConfiguration config() {
        return endpoint.getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (endpoint.getOperation()) {
            case report -> report(exchange);
            case api -> api(exchange);
            default -> throw new ArchFxValidationException("operation", endpoint.getOperation(), "has no producer");
        }
    }

    private void report(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Object deviceHeader = in.getHeader(ArchFxConstants.DEVICE);
        ArchFxDeviceSlug device = deviceHeader != null ? ArchFxEndpoint.device(deviceHeader) : endpoint.device();
        if (device == null) {
            throw new ArchFxValidationException("device", null, "say which device the report is of (option device or "
                    + "CamelArchFxDevice header)");
        }
        List<ArchFxDataPoint> points = ArchFxDataPoints.of(in.getBody(), in.getHeader(ArchFxConstants.STREAM),
                in.getHeader(ArchFxConstants.TIMESTAMP));
        if (points.isEmpty()) {
            throw new ArchFxValidationException("body", in.getBody(), "holds no data points");
        }
        Object sentHeader = in.getHeader(ArchFxConstants.SENT_TIMESTAMP);
        Instant sent = sentHeader != null
                ? TelemetryTimes.toInstant(ArchFxConstants.SENT_TIMESTAMP, sentHeader, ZoneOffset.UTC,
                        ArchFxValidationException::new)
                : endpoint.clock().instant();
        Long firstReportId = in.getHeader(ArchFxConstants.REPORT_ID, Long.class);
        ArchFxStreamerSlug streamer = ArchFxStreamerSlug.of(device, config().getStreamer());
        if (config().getReportLedger() != null) {
            reportInOrder(in, device, streamer, points, sent, firstReportId);
            return;
        }
        AssignedIds assigned = exchange.getProperty(ASSIGNED_IDS, AssignedIds.class);
        if (assigned == null || !assigned.matches(endpoint.getEndpointUri(), streamer, points)) {
            assigned = new AssignedIds(endpoint.getEndpointUri(), streamer, points, endpoint.ids().assign(streamer, points),
                    firstReportId, new ArrayList<>());
            exchange.setProperty(ASSIGNED_IDS, assigned);
        }
        firstReportId = assigned.firstReportId(); // the header now holds the last report id of the failed attempt
        List<ArchFxDataPoint> numbered = assigned.numbered();

        IdRange range = IdRange.NONE;
        Long accepted = null;
        long reportId = 0;
        int reports = 0;
        int readings = 0;
        for (List<ArchFxDataPoint> chunk : inReports(numbered)) {
            if (reports < assigned.reportIds().size()) {
                reportId = assigned.reportIds().get(reports); // a redelivery: the report the cloud may have already
            } else {
                reportId = endpoint.ids().reportId(streamer, reports == 0
                        ? firstReportId
                        : firstReportId == null ? null : firstReportId + reports);
                assigned.reportIds().add(reportId);
            }
            ArchFxReportEncoder.Header header = new ArchFxReportEncoder.Header(device, config().getStreamer(),
                    config().getSelector(), reportId, sent);
            byte[] report = ArchFxReportEncoder.encode(header, chunk);
            Long count = endpoint.client().uploadReport(report, ArchFxReportEncoder.timestamp(sent));
            if (count != null) {
                accepted = accepted == null ? count : accepted + count;
            }
            reports++;
            readings += chunk.size();
            range = range.plus(IdRange.of(chunk));
            setResult(in, reportId, reports, readings, range, accepted);
        }
    }

    /**
     * report with a reportLedger: each chunk goes through the ledger, which numbers it under the streamer's lock,
     * uploads pending reports of other replicas first and skips a chunk uploaded before.
     */
    private void reportInOrder(
            Message in, ArchFxDeviceSlug device, ArchFxStreamerSlug streamer, List<ArchFxDataPoint> points, Instant sent,
            Long firstReportId)
            throws Exception {
        ArchFxReportLedger ledger = config().getReportLedger();
        IdRange range = IdRange.NONE;
        Long accepted = null;
        int reports = 0;
        int readings = 0;
        int already = 0;
        for (List<ArchFxDataPoint> chunk : inReports(points)) {
            Long given = firstReportId == null ? null : firstReportId + reports;
            ArchFxReportLedger.Outcome outcome = ledger.send(streamer.toString(), chunk, c -> {
                List<ArchFxDataPoint> numbered = endpoint.ids().assign(streamer, c);
                long reportId = endpoint.ids().reportId(streamer, given);
                IdRange ids = IdRange.of(numbered);
                ArchFxReportEncoder.Header header = new ArchFxReportEncoder.Header(device, config().getStreamer(),
                        config().getSelector(), reportId, sent);
                return new ArchFxReportLedger.Report(reportId, ids.lowest(), ids.highest(), numbered.size(),
                        ArchFxReportEncoder.timestamp(sent), ArchFxReportEncoder.encode(header, numbered));
            }, (bytes, timestamp) -> endpoint.client().uploadReport(bytes, timestamp));
            ArchFxReportLedger.Report report = outcome.report();
            if (outcome.accepted() != null) {
                accepted = accepted == null ? outcome.accepted() : accepted + outcome.accepted();
            }
            already += outcome.uploaded() ? 0 : 1;
            reports++;
            readings += chunk.size();
            range = range.plus(new IdRange(report.lowestId(), report.highestId()));
            setResult(in, report.reportId(), reports, readings, range, accepted);
            in.setHeader(ArchFxConstants.ALREADY_UPLOADED_COUNT, already);
        }
    }

    /** The points as the reports they are uploaded in: at most maxReadingsPerReport each, in order. */
    private List<List<ArchFxDataPoint>> inReports(List<ArchFxDataPoint> points) {
        int max = config().getMaxReadingsPerReport();
        List<List<ArchFxDataPoint>> reports = new ArrayList<>();
        for (int from = 0; from < points.size(); from += max) {
            reports.add(points.subList(from, Math.min(points.size(), from + max)));
        }
        return reports;
    }

    /** The result headers of report after each uploaded (or skipped) report of the message. */
    private static void setResult(Message in, long reportId, int reports, int readings, IdRange range, Long accepted) {
        in.setHeader(ArchFxConstants.REPORT_ID, reportId);
        in.setHeader(ArchFxConstants.REPORT_COUNT, reports);
        in.setHeader(ArchFxConstants.READING_COUNT, readings);
        in.setHeader(ArchFxConstants.LOWEST_ID, range.lowest());
        in.setHeader(ArchFxConstants.HIGHEST_ID, range.highest());
        in.setHeader(ArchFxConstants.ACCEPTED_COUNT, accepted);
    }

    private String header(Message in, String name, String option) {
        Object v = in.getHeader(name);
        return v != null ? v.toString() : option;
    }

    private void api(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String resource = header(in, ArchFxConstants.RESOURCE, config().getResource());
        if (resource == null || resource.isBlank()) {
            throw new ArchFxValidationException("resource", resource, "say which resource (option resource or "
                    + "CamelArchFxResource header), e.g. org or machine/m--0000-0001/devices");
        }
        String id = header(in, ArchFxConstants.ID, config().getId());
        String method = header(in, ArchFxConstants.METHOD, config().getMethod()).toUpperCase(Locale.ROOT);
        if (!ArchFxEndpoint.METHODS.contains(method)) {
            throw new ArchFxValidationException("method", method, "must be GET, POST, PUT, PATCH or DELETE");
        }
        Object query = in.getHeader(ArchFxConstants.QUERY);
        if (query != null && !(query instanceof Map<?, ?>)) {
            throw new ArchFxValidationException(ArchFxConstants.QUERY, query, "must be a Map of query parameters");
        }
        String url = endpoint.client().url(resource, id) + ArchFxClient.query((Map<?, ?>) query);
        if (config().isPaginate() && method.equals("GET")) {
            Iterator<Object> items = endpoint.client().pages(url, config().getMaxPages());
            if (config().isStreaming()) {
                in.setBody(items);
            } else {
                List<Object> all = new ArrayList<>();
                items.forEachRemaining(all::add);
                in.setBody(all);
            }
            return;
        }
        byte[] body = null;
        Object b = in.getBody();
        if (!method.equals("GET") && b != null) {
            body = b instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8)
                    : b instanceof byte[] bytes ? bytes : ArchFxClient.MAPPER.writeValueAsBytes(b);
        }
        ArchFxClient.Answer answer = endpoint.client().request(method, url, body, config().isRawJson());
        in.setHeader(ArchFxConstants.STATUS, answer.status());
        in.setBody(answer.body());
    }
}
