package io.cameltelemetry.esmond;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.common.TelemetryProducer;
import io.cameltelemetry.esmond.client.EsmondClient;
import io.cameltelemetry.esmond.client.EsmondDataIterator;
import io.cameltelemetry.esmond.client.EsmondJson;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondDataType;
import io.cameltelemetry.esmond.model.EsmondEventType;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummary;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * metadata: a List of {@link EsmondMetadata}; data: a closeable {@code Iterator<EsmondDataPoint>} read page by page (a
 * List with streaming=false); postMetadata: the archive's {@link EsmondMetadata}; postData and bulk: the body
 * unchanged, counts in headers. Arguments and values are checked before any I/O.
 */
public class EsmondProducer extends TelemetryProducer {

    private static final Set<String> SUBJECT_FIELDS = Set.of("subject-type", "source", "destination",
            "measurement-agent", "input-source", "input-destination", "tool-name");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EsmondProducer.class);

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
        EsmondClient.Query query = endpoint.metadataFilters(header(in, EsmondConstants.EVENT_TYPE,
                config().getEventType()), summary, window(in));
        endpoint.addTimeFilters(query, time(in, EsmondConstants.TIME_START, endpoint.timeStart()),
                time(in, EsmondConstants.TIME_END, endpoint.timeEnd()));
        List<EsmondMetadata> all = endpoint.client().metadata(query, config().getPageSize());
        in.setBody(all);
        in.setHeader(EsmondConstants.COUNT, all.size());
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
        EsmondEndpoint.Window w = endpoint.dataWindow(time(in, EsmondConstants.TIME_START, endpoint.timeStart()),
                time(in, EsmondConstants.TIME_END, endpoint.timeEnd()));
        List<EsmondDataIterator.Series> series = endpoint.series(metadataKey, eventType, summary, window);
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
            in.setHeader(EsmondConstants.COUNT, all.size());
        }
    }

    private void postMetadata(Message in) throws Exception {
        EsmondMetadata metadata = toMetadata(in.getBody());
        validate(metadata);
        EsmondMetadata stored = endpoint.client().postMetadata(metadata);
        in.setBody(stored);
        in.setHeader(EsmondConstants.METADATA_KEY, stored.getMetadataKey());
    }

    static EsmondMetadata toMetadata(Object body) {
        try {
            if (body instanceof EsmondMetadata m) {
                return m;
            }
            if (body instanceof Map<?, ?> || body instanceof JsonNode) {
                return EsmondJson.MAPPER.convertValue(body, EsmondMetadata.class);
            }
            if (body instanceof String s) {
                return EsmondJson.MAPPER.readValue(s, EsmondMetadata.class);
            }
            if (body instanceof byte[] b) {
                return EsmondJson.MAPPER.readValue(b, EsmondMetadata.class);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new EsmondValidationException("body", body, "is not esmond metadata JSON: " + e.getMessage());
        }
        throw new EsmondValidationException("body", body,
                "postMetadata takes an EsmondMetadata, a Map in esmond's dashed JSON form, or that JSON as text");
    }

    /** What the server would refuse, refused before sending: subject fields, event types, summaries. */
    static void validate(EsmondMetadata m) {
        if (m.getMetadataKey() != null) {
            throw new EsmondValidationException("metadata-key", m.getMetadataKey(),
                    "the archive assigns the key; a posted metadata must not have one");
        }
        String subject = m.getSubjectType();
        if (!"point-to-point".equals(subject) && !"network-element".equals(subject)) {
            throw new EsmondValidationException("subject-type", subject, "must be point-to-point or network-element");
        }
        boolean p2p = "point-to-point".equals(subject);
        require("source", m.getSource());
        if (p2p) {
            require("destination", m.getDestination());
        }
        require("measurement-agent", m.getMeasurementAgent());
        require("input-source", m.getInputSource());
        if (p2p) {
            require("input-destination", m.getInputDestination());
        }
        require("tool-name", m.getToolName());
        for (String key : m.getParameters().keySet()) {
            if (SUBJECT_FIELDS.contains(key) || "event-types".equals(key)) {
                throw new EsmondValidationException(key, m.getParameters().get(key), "is not a free-form parameter");
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        for (EsmondEventType et : m.getEventTypes()) {
            String name = et.getEventType();
            EsmondDataType type = EsmondDataType.of(name);
            if (type == null) {
                throw new EsmondValidationException("event-type", name,
                        "is not an event type esmond knows (see EsmondDataType for the list)");
            }
            if (!seen.add(name)) {
                throw new EsmondValidationException("event-type", name, "is listed twice");
            }
            for (EsmondSummary s : et.getSummaries()) {
                EsmondSummaryType st = EsmondSummaryType.parse(s.getSummaryType());
                if (st == null || !s.getSummaryType().equals(st.jsonName())) {
                    throw new EsmondValidationException("summary-type", s.getSummaryType(),
                            "must be aggregation, average or statistics (JSON names)", "event type " + name);
                }
                if (!type.allows(st)) {
                    throw new EsmondValidationException("summary-type", s.getSummaryType(),
                            "is not allowed for " + type.name().toLowerCase(java.util.Locale.ROOT) + " event types"
                                    + " (allowed: " + type.summaries() + ")",
                            "event type " + name);
                }
                if (s.getSummaryWindow() < 0) {
                    throw new EsmondValidationException("summary-window", s.getSummaryWindow(),
                            "must be 0 or more seconds", "event type " + name);
                }
            }
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new EsmondValidationException(field, value, "is required to post metadata");
        }
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
            in.setHeader(EsmondConstants.COUNT, written);
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
                                    EsmondDataPoint.of(java.time.Instant.ofEpochSecond(e.getKey()), value.get("val")))) {
                                written++;
                            } else {
                                skipped++;
                            }
                        }
                    }
                }
            }
        } finally {
            in.setHeader(EsmondConstants.COUNT, written);
            in.setHeader(EsmondConstants.REQUEST_COUNT, requests);
            if (config().isSkipDuplicates()) {
                in.setHeader(EsmondConstants.SKIPPED_COUNT, skipped);
            }
        }
    }
}
