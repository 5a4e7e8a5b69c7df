package io.cameltelemetry.examples;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every component's {@code <name>-component.adoc} stays true: each option and header of the catalog model is
 * documented with its default, and the Java and YAML examples are exactly the code the examples' tests run.
 */
class ComponentDocsTest {

    static Stream<Arguments> components() {
        return Stream.of(
                Arguments.of("pylot", "src/test/java/io/cameltelemetry/examples/PylotDocExamplesTest.java",
                        List.of("direct", "batching", "jdbc"),
                        List.of("routes/pylot-batch.yaml", "src/test/resources/docs/pylot-replicas.yaml")),
                Arguments.of("dcs", "src/test/java/io/cameltelemetry/examples/DcsSandboxTest.java",
                        List.of("meters", "findVm", "maxDemand"), List.of("routes/dcs-energy-to-pylot.yaml")),
                Arguments.of("initialstate", "src/test/java/io/cameltelemetry/examples/InitialStateDocExamplesTest.java",
                        List.of("logValue", "logObject", "buffer", "buckets"),
                        List.of("routes/initialstate-dashboard.yaml", "src/test/resources/docs/initialstate-replicas.yaml")),
                Arguments.of("esmond", "src/test/java/io/cameltelemetry/examples/EsmondDocExamplesTest.java",
                        List.of("metadata", "walk", "histograms", "histogramsFast", "postMetadata", "postData", "bulk"),
                        List.of("routes/esmond-throughput.yaml", "src/test/resources/docs/esmond-examples.yaml")),
                Arguments.of("archfx", "src/test/java/io/cameltelemetry/examples/ArchFxDocExamplesTest.java",
                        List.of("login", "orgs", "devices", "report", "slugs"),
                        List.of("routes/archfx-factory.yaml", "src/test/resources/docs/archfx-examples.yaml")));
    }

    private static Path doc(String name) {
        return Path.of("../camel-" + name + "/src/main/docs/" + name + "-component.adoc");
    }

    @ParameterizedTest
    @MethodSource("components")
    void everyOptionAndHeaderIsDocumentedWithItsDefault(String name, String test, List<String> tags, List<String> yamls)
            throws Exception {
        String doc = Files.readString(doc(name));
        JsonNode model;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/cameltelemetry/" + name + "/" + name + ".json")) {
            assertNotNull(in, name + ".json");
            model = new ObjectMapper().readTree(in);
        }
        List<String> missing = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = model.get(section).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> option = it.next();
                if (option.getKey().equals("configuration")) {
                    continue;
                }
                String defaultValue = option.getValue().path("defaultValue").asText("");
                Pattern row = Pattern.compile("\\| \\*" + Pattern.quote(option.getKey()) + "\\* \\([a-z ()]+\\) \\| .* \\| "
                        + Pattern.quote(defaultValue) + " \\|");
                if (!row.matcher(doc).find()) {
                    missing.add(section + "." + option.getKey() + " (default '" + defaultValue + "')");
                }
            }
        }
        for (Iterator<String> it = model.get("headers").fieldNames(); it.hasNext();) {
            String header = it.next();
            if (!doc.contains("| `" + header + "` |")) {
                missing.add("header " + header);
            }
        }
        assertEquals(List.of(), missing, "regenerate the options tables of " + doc(name));
    }

    @ParameterizedTest
    @MethodSource("components")
    void javaExamplesAreTheTestedCode(String name, String test, List<String> tags, List<String> yamls) throws Exception {
        String doc = normalize(Files.readString(doc(name)));
        String code = Files.readString(Path.of(test));
        for (String tag : tags) {
            Matcher m = Pattern.compile("// tag::" + tag + "\\[\\]\\n(.*?)\\n\\s*// end::" + tag + "\\[\\]", Pattern.DOTALL)
                    .matcher(code);
            assertTrue(m.find(), tag);
            String example = normalize(m.group(1));
            assertTrue(doc.contains(example), "the doc's '" + tag + "' example differs from the tested code:\n" + example);
        }
    }

    @ParameterizedTest
    @MethodSource("components")
    void yamlExamplesAreTheTestedRouteFiles(String name, String test, List<String> tags, List<String> yamls) throws Exception {
        String doc = Files.readString(doc(name));
        for (String yaml : yamls) {
            String route = Files.readString(Path.of(yaml)).strip();
            assertTrue(doc.contains("[source,yaml]\n----\n" + route + "\n----"), "the doc must show " + yaml);
        }
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
