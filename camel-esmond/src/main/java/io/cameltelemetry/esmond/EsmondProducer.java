package io.cameltelemetry.esmond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.common.TelemetryProducer;
import io.cameltelemetry.esmond.client.EsmondClient;
import io.cameltelemetry.esmond.client.EsmondDataIterator;
import io.cameltelemetry.esmond.client.EsmondJson;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * metadata: a List of {@link EsmondMetadata}; data: a closeable {@code Iterator<EsmondDataPoint>} read page by page (a
 * List with streaming=false); postMetadata: the archive's {@link EsmondMetadata}; postData and bulk: the body
 * unchanged, counts in headers. Arguments and values are checked before any I/O.
 */
public class EsmondProducer extends TelemetryProducer {

    private static final Logger LOG = LoggerFactory.getLogger(EsmondProducer.class);

    private final EsmondEndpoint endpoint;

    public EsmondProducer(EsmondEndpoint endpoint) {
        super(endpoint, "esmond", () -> endpoint.client() == null ? null : endpoint.client().http());
        this.endpoint = endpoint;
    }

    private EsmondConfiguration config() {
        return endpoint.getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        switch (endpoint.getOperation()) {
            case metadata -> metadata(in);
            case data -> data(exchange, in);
            case postMetadata -> postMetadata(in);
            case postData -> postData(in);
            case bulk -> bulk(in);
        }
    }

    private String header(Message in, String header, String option) {
        Object value = in.getHeader(header);
        return value != null && !value.toString().isBlank() ? value.toString() : option;
    }

    private EsmondSummaryType summary(Message in) {
        Object header = in.getHeader(EsmondConstants.SUMMARY_TYPE);
        return header != null ? EsmondEndpoint.summaryType(EsmondConstants.SUMMARY_TYPE, header) : endpoint.summaryType();
    }

    private Long window(Message in) {
        Object header = in.getHeader(EsmondConstants.SUMMARY_WINDOW);
        Long window = header != null
                ? EsmondTimes.toEpochSeconds(EsmondConstants.SUMMARY_WINDOW, header)
                : config().getSummaryWindow();
        EsmondEndpoint.checkWindow("summaryWindow", window);
        return window;
    }

    private Long time(Message in, String header, Long option) {
        Object value = in.getHeader(header);
        return value != null ? EsmondTimes.toEpochSeconds(header, value) : option;
    }

    private void metadata(Message in) throws Exception {
        EsmondSummaryType summary = summary(in);
        EsmondClient.Query query = endpoint.query().metadataFilters(header(in, EsmondConstants.EVENT_TYPE,
                config().getEventType()), summary, window(in));
        endpoint.query().addTimeFilters(query, time(in, EsmondConstants.START_TIME, endpoint.startTime()),
                time(in, EsmondConstants.END_TIME, endpoint.endTime()));
        List<EsmondMetadata> all = endpoint.client().metadata(query, config().getPageSize());
        in.setBody(all);
        in.setHeader(EsmondConstants.METADATA_COUNT, all.size());
    }

    private void data(Exchange exchange, Message in) throws Exception {
        String eventType = header(in, EsmondConstants.EVENT_TYPE, config().getEventType());
        if (EsmondEndpoint.blank(eventType)) {
            throw new EsmondValidationException("eventType", null,
                    "say which event type to read (option or CamelEsmondEventType header)");
        }
        EsmondSummaryType summary = summary(in);
        Long window = window(in);
        if (summary != null && summary != EsmondSummaryType.BASE && window == null) {
            throw new EsmondValidationException("summaryWindow", null,
                    "a " + summary.jsonName() + " summary needs its window in seconds");
        }
        String metadataKey = header(in, EsmondConstants.METADATA_KEY, config().getMetadataKey());
        EsmondQuery.Window w = endpoint.query().dataWindow(time(in, EsmondConstants.START_TIME, endpoint.startTime()),
                time(in, EsmondConstants.END_TIME, endpoint.endTime()));
        List<EsmondDataIterator.Series> series = endpoint.query().series(metadataKey, eventType, summary, window);
        EsmondDataIterator points = new EsmondDataIterator(endpoint.client(), series, w.start(), w.end(),
                config().getPageSize());
        in.setHeader(EsmondConstants.EVENT_TYPE, eventType);
        if (series.size() == 1) {
            in.setHeader(EsmondConstants.METADATA_KEY, series.get(0).metadataKey());
        }
        if (config().isStreaming()) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    points.close();
                }
            });
            in.setBody(points);
        } else {
            List<EsmondDataPoint> all = new ArrayList<>();
            try (points) {
                points.forEachRemaining(all::add);
            }
            in.setBody(all);
            in.setHeader(EsmondConstants.POINT_COUNT, all.size());
        }
    }

    private void postMetadata(Message in) throws Exception {
        EsmondMetadata metadata = EsmondMetadataBodies.toMetadata(in.getBody());
        EsmondMetadataBodies.validate(metadata);
        EsmondMetadata stored = endpoint.client().postMetadata(metadata);
        in.setBody(stored);
        in.setHeader(EsmondConstants.METADATA_KEY, stored.getMetadataKey());
    }

    private String requireMetadataKey(Message in) {
        String key = header(in, EsmondConstants.METADATA_KEY, config().getMetadataKey());
        if (EsmondEndpoint.blank(key)) {
            throw new EsmondValidationException("metadataKey", null,
                    "say which metadata to write to (option or CamelEsmondMetadataKey header)");
        }
        return key;
    }

    private void postData(Message in) throws Exception {
        String metadataKey = requireMetadataKey(in);
        String eventType = header(in, EsmondConstants.EVENT_TYPE, config().getEventType());
        if (EsmondEndpoint.blank(eventType)) {
            throw new EsmondValidationException("eventType", null,
                    "say which event type to write (option or CamelEsmondEventType header)");
        }
        List<EsmondDataPoint> points = EsmondPoints.of(in.getBody(), in.getHeader(EsmondConstants.TIMESTAMP), eventType,
                false);
        int written = 0;
        int skipped = 0;
        int requests = 0;
        try {
            for (EsmondDataPoint p : points) {
                requests++;
                if (post(metadataKey, eventType, p)) {
                    written++;
                } else {
                    skipped++;
                }
            }
        } finally {
            in.setHeader(EsmondConstants.POINT_COUNT, written);
            in.setHeader(EsmondConstants.REQUEST_COUNT, requests);
            if (config().isSkipDuplicates()) {
                in.setHeader(EsmondConstants.SKIPPED_COUNT, skipped);
            }
        }
    }

    /** POSTs one point; false when it was a duplicate skipped by skipDuplicates. */
    private boolean post(String metadataKey, String eventType, EsmondDataPoint p) throws Exception {
        long ts = p.ts();
        try {
            endpoint.client().postPoint(metadataKey, eventType, ts, p.value(), error -> {
                EsmondException e = EsmondClient.failure(error);
                return error.status() == 409 ? new EsmondException.Conflict(error, e.getDetail(), eventType, ts) : e;
            });
            return true;
        } catch (EsmondException.Conflict duplicate) {
            if (!config().isSkipDuplicates()) {
                throw duplicate;
            }
            LOG.debug("esmond already holds a {} point of {} at {}: skipped", eventType, metadataKey, ts);
            return false;
        }
    }

    private void bulk(Message in) throws Exception {
        String metadataKey = requireMetadataKey(in);
        Object body = in.getBody();
        if (body instanceof EsmondBatch batch) {
            body = batch.points();
        }
        List<EsmondDataPoint> points = EsmondPoints.of(body, in.getHeader(EsmondConstants.TIMESTAMP),
                header(in, EsmondConstants.EVENT_TYPE, config().getEventType()), true);
        // one entry per distinct ts, in first-seen order
        Map<Long, List<Map<String, Object>>> byTs = new LinkedHashMap<>();
        for (EsmondDataPoint p : points) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("event-type", p.eventType());
            entry.put("val", p.value());
            byTs.computeIfAbsent(p.ts(), k -> new ArrayList<>()).add(entry);
        }
        List<Map.Entry<Long, List<Map<String, Object>>>> entries = new ArrayList<>(byTs.entrySet());
        int pageSize = config().getPageSize();
        int requests = 0;
        int written = 0;
        int skipped = 0;
        try {
            for (int from = 0; from < entries.size(); from += pageSize) {
                List<Map.Entry<Long, List<Map<String, Object>>>> chunk = entries.subList(from,
                        Math.min(entries.size(), from + pageSize));
                List<Map<String, Object>> data = new ArrayList<>();
                int count = 0;
                for (Map.Entry<Long, List<Map<String, Object>>> e : chunk) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("ts", e.getKey());
                    item.put("val", e.getValue());
                    data.add(item);
                    count += e.getValue().size();
                }
                requests++;
                try {
                    endpoint.client().putBulk(metadataKey, EsmondJson.MAPPER.writeValueAsBytes(Map.of("data", data)));
                    written += count;
                } catch (EsmondException.Conflict duplicate) {
                    if (!config().isSkipDuplicates()) {
                        throw duplicate;
                    }
                    // the archive stored the points before the duplicate and stopped: send them one by one
                    LOG.info("esmond refused a bulk request to {} with a duplicate point ({}); sending its {} points "
                            + "one by one, skipping those it holds", metadataKey, duplicate.getDetail(), count);
                    for (Map.Entry<Long, List<Map<String, Object>>> e : chunk) {
                        for (Map<String, Object> value : e.getValue()) {
                            requests++;
                            if (post(metadataKey, (String) value.get("event-type"),
                                    EsmondDataPoint.of(Instant.ofEpochSecond(e.getKey()), value.get("val")))) {
                                written++;
                            } else {
                                skipped++;
                            }
                        }
                    }
                }
            }
        } finally {
            in.setHeader(EsmondConstants.POINT_COUNT, written);
            in.setHeader(EsmondConstants.REQUEST_COUNT, requests);
            if (config().isSkipDuplicates()) {
                in.setHeader(EsmondConstants.SKIPPED_COUNT, skipped);
            }
        }
    }
}
