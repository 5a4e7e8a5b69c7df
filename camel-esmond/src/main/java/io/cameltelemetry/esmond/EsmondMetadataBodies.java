package io.cameltelemetry.esmond;

import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.esmond.client.EsmondJson;
import io.cameltelemetry.esmond.model.EsmondDataType;
import io.cameltelemetry.esmond.model.EsmondEventType;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummary;
import io.cameltelemetry.esmond.model.EsmondSummaryType;

/**
 * The body of {@code esmond:postMetadata}: read as {@link EsmondMetadata} and checked for what the archive would refuse
 * (subject fields, event types, summaries) before anything is sent.
 */
final class EsmondMetadataBodies {

    private static final Set<String> SUBJECT_FIELDS = Set.of("subject-type", "source", "destination",
            "measurement-agent", "input-source", "input-destination", "tool-name");

    private EsmondMetadataBodies() {
    }

    /** An EsmondMetadata, a Map or JsonNode in esmond's dashed JSON form, or that JSON as text or bytes. */
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
        Set<String> seen = new HashSet<>();
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
                            "is not allowed for " + type.name().toLowerCase(Locale.ROOT) + " event types"
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
}
