package io.cameltelemetry.test;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Checks a component's generated catalog JSON as a user reads it: every option and header has a description, every
 * credential-like option is secret, and no character of a description written in an annotation was lost on the way
 * (the generator used to drop {@code +}).
 */
public final class CatalogAssertions {

    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?!.*type$).*(password|apikey|accesskey|token|secret).*"); // a ...Type option names a kind, not a secret

    private CatalogAssertions() {
    }

    /** The catalog JSON of a component, e.g. {@code META-INF/io/cameltelemetry/pylot/pylot.json}. */
    public static JsonNode load(String resource) throws Exception {
        try (InputStream in = CatalogAssertions.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the classpath");
            return new ObjectMapper().readTree(in);
        }
    }

    /**
     * Asserts the whole catalog; {@code annotated} are the classes whose {@code @UriParam}/{@code @UriPath}/
     * {@code @Metadata} descriptions must appear verbatim (endpoint, configuration, component and constants classes).
     */
    public static void assertCatalog(JsonNode model, Class<?>... annotated) {
        List<String> problems = new ArrayList<>();
        Map<String, String> written = descriptions(annotated);
        for (String section : List.of("componentProperties", "properties", "headers")) {
            JsonNode props = model.path(section);
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode option = e.getValue();
                String description = option.path("description").asText("");
                if (option.has("prefix") && option.path("multiValue").asBoolean()) {
                    // camel-package appends this sentence to a multi-value option's description
                    description = description.replace(" This is a multi-value option with prefix: "
                            + option.get("prefix").asText(), "");
                }
                if (description.isBlank()) {
                    problems.add(section + "." + name + " has no description");
                }
                if (!section.equals("headers") && CREDENTIAL.matcher(name).matches() && !option.path("secret").asBoolean()) {
                    problems.add(section + "." + name + " looks like a credential but is not secret");
                }
                String source = written.get(name);
                if (source != null && !section.equals("headers") && !normalise(source).equals(normalise(description))) {
                    problems.add(section + "." + name + " description differs from its annotation: catalog '" + description
                            + "' vs source '" + source + "'");
                }
            }
        }
        assertEquals(List.of(), problems, "catalog problems");
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    /** Option name -> description as written in the annotations of these classes and their superclasses. */
    private static Map<String, String> descriptions(Class<?>... classes) {
        Map<String, String> out = new HashMap<>();
        for (Class<?> top : classes) {
            // our own classes only: Camel's base classes are Camel's to describe
            for (Class<?> c = top; c != null && c.getName().startsWith("io.cameltelemetry."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    UriParam p = f.getAnnotation(UriParam.class);
                    UriPath path = f.getAnnotation(UriPath.class);
                    Metadata m = f.getAnnotation(Metadata.class);
                    String d = p != null
                            ? p.description()
                            : path != null ? path.description() : m != null ? m.description() : "";
                    if (!d.isEmpty()) {
                        out.putIfAbsent(f.getName(), d);
                    }
                }
            }
        }
        return out;
    }
}
