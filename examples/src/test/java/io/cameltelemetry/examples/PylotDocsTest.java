package io.cameltelemetry.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pylot-component.adoc stays true: every option and header of the catalog model is documented with its default, and
 * the Java and YAML examples are exactly the code the examples' tests run.
 */
class PylotDocsTest {

    private static final Path DOC = Path.of("../camel-pylot/src/main/docs/pylot-component.adoc");

    @Test
    void everyOptionAndHeaderIsDocumentedWithItsDefault() throws Exception {
        String doc = Files.readString(DOC);
        JsonNode model;
        try (var in = getClass().getResourceAsStream("/META-INF/io/cameltelemetry/pylot/pylot.json")) {
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
                Pattern row = Pattern.compile("\\| \\*" + Pattern.quote(option.getKey()) + "\\* \\([a-z]+\\) \\| .* \\| "
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
        assertEquals(List.of(), missing, "regenerate the options tables of " + DOC);
    }

    @Test
    void javaExamplesAreTheTestedCode() throws Exception {
        String doc = Files.readString(DOC);
        String test = Files.readString(Path.of("src/test/java/io/cameltelemetry/examples/PylotDocExamplesTest.java"));
        for (String tag : List.of("direct", "batching", "jdbc")) {
            Matcher m = Pattern.compile("// tag::" + tag + "\\[\\]\\n(.*?)\\n\\s*// end::" + tag + "\\[\\]", Pattern.DOTALL)
                    .matcher(test);
            assertTrue(m.find(), tag);
            String code = normalize(m.group(1));
            assertTrue(normalize(doc).contains(code), "the doc's '" + tag + "' example differs from the tested code:\n" + code);
        }
    }

    @Test
    void yamlExampleIsTheTestedRouteFile() throws Exception {
        String doc = Files.readString(DOC);
        String yaml = Files.readString(Path.of("routes/pylot-batch.yaml")).strip();
        assertTrue(doc.contains("[source,yaml]\n----\n" + yaml + "\n----"), "the doc must show routes/pylot-batch.yaml");
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
