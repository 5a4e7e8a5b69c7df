package io.cameltelemetry.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.common.TelemetryValidationException;
import io.cameltelemetry.test.TelemetryCatalogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One public surface for every component: reads the catalog JSON of each component on the class path and fails when
 * an option or header that means the same thing is spelled, typed or grouped differently. The table of concepts below
 * is the rule book of CONTRIBUTING.md's "Names" section; a new component is checked without touching this test.
 */
class CatalogNamesTest {

    /** Concept: the one spelling of an option, and the spellings it must not have. */
    record OptionConcept(String concept, String name, Set<String> synonyms) {
    }

    static final List<OptionConcept> OPTIONS = List.of(
            new OptionConcept("the platform's address", "baseUrl",
                    Set.of("url", "domain", "host", "endpoint", "serverUrl", "apiUrl", "baseUri")),
            new OptionConcept("where a range or a fresh cursor starts", "startTime",
                    Set.of("start", "timeStart", "from", "since", "begin", "startDate")),
            new OptionConcept("where a range ends", "endTime", Set.of("end", "timeEnd", "to", "until", "endDate")),
            new OptionConcept("where a consumer keeps its cursor", "stateRepository",
                    Set.of("cursorRepository", "cursorStore", "offsetRepository")),
            new OptionConcept("a result read as it is consumed", "streaming", Set.of("stream", "lazy", "iterator")));

    /** Header name endings that say a concept another way than the rule. */
    static final Map<String, String> HEADER_SYNONYMS = Map.of(
            "TimeStart", "StartTime", "TimeEnd", "EndTime", "Epoch", "Timestamp", "Sent", "...Count",
            "Accepted", "AcceptedCount");

    /**
     * Names that are each platform's own word for a different thing (the platform's API spells them so): the same
     * name may have another type there. Nothing else may.
     */
    static final Map<String, String> PLATFORM_WORDS = Map.of(
            "filter", "ArchFX's data filter (a stream or device slug) vs esmond's free-form metadata filters",
            "source", "DCS's reading source (an enum) vs esmond's measurement source host");

    /** Camel's option groups that may stand first in a label. */
    static final Set<String> FIRST_LABELS = Set.of("common", "consumer", "producer", "advanced", "security");

    static final ObjectMapper MAPPER = new ObjectMapper();
    static Map<String, JsonNode> catalogs;

    @BeforeAll
    static void readCatalogs() throws Exception {
        catalogs = new HashMap<>();
        for (TelemetryCatalogs.Component c : TelemetryCatalogs.onClassPath().values()) {
            catalogs.put(c.name(), MAPPER.readTree(c.json()));
        }
        assertEquals(Set.of("archfx", "dcs", "esmond", "initialstate", "pylot"), catalogs.keySet(),
                "the five components' catalogs are on the class path");
    }

    static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void oneConceptHasOneOptionName() {
        List<String> wrong = new ArrayList<>();
        catalogs.forEach((name, catalog) -> fields(catalog.path("properties")).forEach(p -> {
            for (OptionConcept c : OPTIONS) {
                if (c.synonyms().contains(p.getKey())) {
                    wrong.add(name + ": option " + p.getKey() + " is " + c.concept() + ", spelled " + c.name());
                }
            }
        }));
        assertEquals(List.of(), wrong);
        catalogs.forEach((name, catalog) -> assertTrue(catalog.path("properties").has("baseUrl"),
                name + " names its address baseUrl"));
    }

    @Test
    void anOptionOfTwoComponentsHasOneTypeAndStreamingOneDefaultAndMeaning() {
        Map<String, String> typeOf = new HashMap<>();
        Map<String, String> firstSeen = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        catalogs.forEach((name, catalog) -> fields(catalog.path("properties")).forEach(p -> {
            String type = p.getValue().path("javaType").asText();
            String before = typeOf.putIfAbsent(p.getKey(), type);
            firstSeen.putIfAbsent(p.getKey(), name);
            if (before != null && !before.equals(type) && !p.getKey().equals("operation")
                    && !PLATFORM_WORDS.containsKey(p.getKey())) {
                wrong.add(p.getKey() + ": " + before + " in " + firstSeen.get(p.getKey()) + ", " + type + " in " + name);
            }
        }));
        assertEquals(List.of(), wrong);
        List<JsonNode> streaming = catalogs.values().stream().map(c -> c.path("properties").path("streaming"))
                .filter(n -> !n.isMissingNode()).toList();
        assertTrue(streaming.size() >= 3, "dcs, esmond and archfx stream large results");
        for (JsonNode s : streaming) {
            assertEquals(streaming.get(0).path("defaultValue"), s.path("defaultValue"), "one streaming default");
            assertEquals(streaming.get(0).path("description"), s.path("description"), "one streaming meaning");
        }
    }

    @Test
    void optionLabelsStartWithCamelsGroups() {
        List<String> wrong = new ArrayList<>();
        catalogs.forEach((name, catalog) -> fields(catalog.path("properties")).forEach(p -> {
            String label = p.getValue().path("label").asText("");
            if (!label.isEmpty() && !FIRST_LABELS.contains(label.split(",")[0])) {
                wrong.add(name + ": " + p.getKey() + " has label " + label);
            }
        }));
        assertEquals(List.of(), wrong, "labels are common/consumer/producer/advanced/security, then a group");
    }

    @Test
    void headersArePrefixedLikeTheirComponentClassAndSayOneConceptOneWay() {
        List<String> wrong = new ArrayList<>();
        catalogs.forEach((name, catalog) -> {
            String javaType = catalog.path("component").path("javaType").asText();
            String simple = javaType.substring(javaType.lastIndexOf('.') + 1);
            String prefix = "Camel" + simple.substring(0, simple.length() - "Component".length());
            fields(catalog.path("headers")).forEach(h -> {
                String header = h.getKey();
                String type = h.getValue().path("javaType").asText();
                if (!header.startsWith(prefix)) {
                    wrong.add(name + ": " + header + " is not prefixed " + prefix);
                }
                HEADER_SYNONYMS.forEach((synonym, rule) -> {
                    if (header.endsWith(synonym)) {
                        wrong.add(name + ": " + header + " ends in " + synonym + ", the rule is " + rule);
                    }
                });
                if (header.equals(prefix + "Count")) {
                    wrong.add(name + ": " + header + " counts what? name it <Thing>Count");
                }
                if (header.endsWith("Timestamp") || header.endsWith("StartTime") || header.endsWith("EndTime")) {
                    if (!type.equals("java.time.Instant")) {
                        wrong.add(name + ": time header " + header + " is " + type + ", not java.time.Instant");
                    }
                }
                if (header.endsWith("Count") && !Set.of("Integer", "Long").contains(type)) {
                    wrong.add(name + ": count header " + header + " is " + type + ", not Integer or Long");
                }
            });
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyValidationErrorIsATelemetryValidationException() throws Exception {
        for (JsonNode catalog : catalogs.values()) {
            String javaType = catalog.path("component").path("javaType").asText();
            String validation = javaType.replace("Component", "ValidationException");
            assertTrue(TelemetryValidationException.class.isAssignableFrom(Class.forName(validation)),
                    validation + " extends TelemetryValidationException, so one onException catches every component's");
        }
    }
}
