package io.cameltelemetry.archfx;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.archfx.client.ArchFxClient;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.common.TelemetryPollingConsumer;
import io.cameltelemetry.common.state.StoredCursorException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the new data points of a stream (or of every stream of a device), one exchange per point, in (timestamp, id)
 * order. The data list is ordered by streamer local id, not by time, and its page numbers shift when data arrives: so
 * each poll fixes its window ({@code start} = the cursor's second, inclusive; {@code end} = now or at most
 * {@code maxWindow} later, exclusive), reads every page of it, de-duplicates by record id, sorts and routes. The cursor
 * (the last second delivered and the ids delivered at it) lives in the {@code stateRepository} and moves after each
 * exchange completes: a restart neither repeats nor skips a point. A failed exchange ends the poll; the next poll
 * starts with it. A window in the past that is fully delivered moves the cursor to its end. A fresh cursor starts at
 * the startTime option, else now.
 */
public class ArchFxConsumer extends TelemetryPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ArchFxConsumer.class);

    private final ArchFxEndpoint endpoint;
    private final String filter;
    private final String key;
    private Cursor cursor;

    public ArchFxConsumer(ArchFxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.filter = endpoint.getConfiguration().getFilter().trim();
        this.key = "archfx-cursor:" + filter;
    }

    @Override
    public ArchFxEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected StateRepository<String, String> stateRepository() {
        return endpoint.getConfiguration().getStateRepository();
    }

    @Override
    protected String describe() {
        return "the ArchFX data of " + filter;
    }

    /** The last second delivered and the ids delivered at it. */
    record Cursor(Instant second, Set<Long> ids) {

        static Cursor parse(String stored) {
            int bar = stored.indexOf('|');
            Instant second = Instant.parse(bar < 0 ? stored : stored.substring(0, bar));
            Set<Long> ids = new TreeSet<>();
            if (bar >= 0 && bar < stored.length() - 1) {
                for (String id : stored.substring(bar + 1).split(",")) {
                    ids.add(Long.parseLong(id));
                }
            }
            return new Cursor(second, ids);
        }

        Cursor after(Instant ts, long id) {
            if (ts.equals(second)) {
                Set<Long> more = new TreeSet<>(ids);
                more.add(id);
                return new Cursor(second, more);
            }
            return new Cursor(ts, new TreeSet<>(Set.of(id)));
        }

        boolean delivered(Instant ts, long id) {
            return ts.isBefore(second) || ts.equals(second) && ids.contains(id);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(second.toString()).append('|');
            boolean first = true;
            for (Long id : ids) {
                b.append(first ? "" : ",").append(id);
                first = false;
            }
            return b.toString();
        }
    }

    Cursor cursor() {
        String stored = stateRepository().getState(key);
        if (stored != null) {
            return StoredCursorException.parse("ArchFX", stateRepository(), key, stored, "<ISO second>|<ids>",
                    Cursor::parse);
        }
        Instant from = endpoint.startTime() != null ? endpoint.startTime() : endpoint.clock().instant();
        Cursor fresh = new Cursor(from.truncatedTo(ChronoUnit.SECONDS), new TreeSet<>());
        stateRepository().setState(key, fresh.toString());
        return fresh;
    }

    private record Point(Instant timestamp, long id, JsonNode record) {
    }

    @Override
    protected int pollOnce() throws Exception {
        Instant now = endpoint.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        int max = getMaxMessagesPerPoll();
        int delivered = 0;
        while (isRunAllowed()) {
            cursor = cursor();
            Instant start = cursor.second();
            if (!start.isBefore(now)) {
                break;
            }
            Instant end = start.plus(Duration.ofMillis(endpoint.getConfiguration().getMaxWindow()));
            if (end.isAfter(now)) {
                end = now;
            }
            List<Point> window = read(start, end);
            Queue<Object> points = new ArrayDeque<>();
            for (Point p : window) {
                if (!cursor.delivered(p.timestamp(), p.id())) {
                    points.add(p);
                }
                if (max > 0 && delivered + points.size() >= max) {
                    break;
                }
            }
            int offered = points.size();
            int done = processBatch(points);
            delivered += done;
            if (done < offered || max > 0 && delivered >= max) {
                break; // a failed exchange (the next poll starts with it) or the poll's maximum
            }
            if (!end.isBefore(now)) {
                break; // caught up: the window up to now stays open for late data
            }
            if (cursor().second().isBefore(end)) {
                stateRepository().setState(key, new Cursor(end, new TreeSet<>()).toString());
            }
        }
        return delivered;
    }

    /**
     * Every record of [start, end), de-duplicated by id, in (timestamp, id) order. A server that answers pages without
     * end (the same page with a next link, a proxy that drops the page parameter) is stopped when a page brings no new
     * record, or after maxPages: a typed error and a WARN, the cursor where it was.
     */
    private List<Point> read(Instant start, Instant end) throws Exception {
        Map<Long, Point> byId = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        int pageSize = endpoint.getConfiguration().getPageSize();
        int maxPages = endpoint.getConfiguration().getMaxPages();
        for (int page = 1;; page++) {
            ArchFxClient.DataPage p = endpoint.client().dataPage(filter, start.toString(), end.toString(), pageSize, page);
            int fresh = 0;
            for (JsonNode r : p.records()) {
                JsonNode idNode = r.get("id");
                JsonNode tsNode = r.get("timestamp");
                if (idNode == null || !idNode.canConvertToLong() || tsNode == null || !tsNode.isTextual()) {
                    throw new TelemetryMalformedResponseException("ArchFX", "GET",
                            "/api/v1/data/ (page " + page + " of " + filter
                                    + ")",
                            200, "a data record without a numeric id or a timestamp string", r.toString());
                }
                long id = idNode.asLong();
                if (seen.add(id)) {
                    fresh++;
                    Instant ts = ArchFxDataPoints.time(tsNode.asText(), "data record " + id);
                    if (!ts.isBefore(start) && ts.isBefore(end)) {
                        byId.put(id, new Point(ts, id, r));
                    }
                }
            }
            if (!p.hasNext() || p.records().isEmpty()) {
                break;
            }
            if (fresh == 0 || page >= maxPages) {
                String problem = fresh == 0
                        ? "page " + page + " with a next link but no record that is new (the paging never ends)"
                        : "more than maxPages (" + maxPages + ") pages in the window " + start + " to " + end;
                LOG.warn("ArchFX data poll of {} stopped: {}; the cursor stays at {}", filter, problem, cursor);
                throw new TelemetryMalformedResponseException("ArchFX", "GET", "/api/v1/data/ (" + filter + ")", 200,
                        problem, null);
            }
        }
        List<Point> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(Point::timestamp).thenComparingLong(Point::id));
        return sorted;
    }

    @Override
    public int processBatch(Queue<Object> points) throws Exception {
        int total = points.size();
        int index = 0;
        int done = 0;
        boolean record = endpoint.getConfiguration().isOutputRecord();
        while (!points.isEmpty() && isBatchAllowed()) {
            Point p = (Point) points.poll();
            Exchange exchange = createExchange(false);
            if (record) {
                exchange.getIn().setBody(ArchFxClient.MAPPER.convertValue(p.record(), Map.class));
            } else {
                JsonNode v = p.record().get("value");
                exchange.getIn().setBody(v == null || v.isNull()
                        ? Double.NaN
                        : ArchFxDataPoints.value(
                                v.isNumber() ? v.numberValue() : v.asText(), "data record " + p.id()));
            }
            JsonNode stream = p.record().get("stream");
            exchange.getIn().setHeader(ArchFxConstants.STREAM, stream == null ? filter : stream.asText());
            exchange.getIn().setHeader(ArchFxConstants.TIMESTAMP, p.timestamp());
            exchange.getIn().setHeader(ArchFxConstants.DATA_ID, p.id());
            if (!route(exchange, index++, total, () -> "the ArchFX data point " + p.id() + " of " + filter + " at "
                    + p.timestamp())) {
                return done;
            }
            cursor = cursor.after(p.timestamp(), p.id());
            stateRepository().setState(key, cursor.toString());
            done++;
        }
        if (done > 0) {
            LOG.debug("Polled {} ArchFX data points of {}; cursor {}", done, filter, cursor);
        }
        return done;
    }
}
