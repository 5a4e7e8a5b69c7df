package io.cameltelemetry.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.test.TelemetryCatalogs;
import org.apache.camel.CamelContext;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Checks YAML routes as a cluster would before running them: they must parse with camel-yaml-dsl, and every endpoint
 * URI must validate with camel-catalog 4.18.0 extended with our components' catalog JSON (found on the class path, so
 * a new component is covered without touching this): no unknown component (the catalog reports success for an unknown
 * scheme, with only {@code getUnknownComponent()} set), no unknown option, no bad type or enum value, no missing
 * required path parameter, no producer-only component in a {@code from} and no consumer-only one in a {@code to}
 * (read from the component JSON: the catalog does not check that), no option of the other role.
 */
final class RouteValidator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::([^}]*))?}}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DefaultCamelCatalog catalog = new DefaultCamelCatalog();
    private final Map<String, JsonNode> ours = new TreeMap<>();

    RouteValidator() {
        for (TelemetryCatalogs.Component c : TelemetryCatalogs.onClassPath().values()) {
            try {
                JsonNode model = MAPPER.readTree(c.json());
                ours.put(c.name(), model);
                catalog.addComponent(c.name(), model.get("component").get("javaType").asText(), c.json());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Our components: name -> catalog model. */
    Map<String, JsonNode> components() {
        return ours;
    }

    /** One endpoint of a route: its URI (placeholders as written) and whether it consumes (from) or produces. */
    record Use(String uri, boolean consumer) {
    }

    /** The problems of a YAML route document (empty when it is fine), each naming the source and the URI. */
    List<String> validateYaml(String source, String yaml) {
        List<String> problems = new ArrayList<>();
        List<Use> uses;
        try {
            uses = endpoints(source, yaml);
        } catch (Exception e) {
            problems.add(source + ": does not parse with camel-yaml-dsl: " + e.getMessage());
            return problems;
        }
        for (Use use : uses) {
            problems.addAll(validateUri(source, use.uri(), use.consumer()));
        }
        return problems;
    }

    /** The endpoints of the routes of a YAML document, loaded into a context that is never started. */
    static List<Use> endpoints(String source, String yaml) throws Exception {
        List<Use> uses = new ArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(
                    source.replaceAll("[^A-Za-z0-9_-]", "_") + ".yaml", yaml));
            for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
                FromDefinition from = route.getInput();
                uses.add(new Use(from.getEndpointUri(), true));
                collect(route.getOutputs(), uses);
            }
        }
        return uses;
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, List<Use> uses) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof EndpointRequiredDefinition e && e.getEndpointUri() != null) {
                uses.add(new Use(e.getEndpointUri(), false));
            }
            collect(p.getOutputs(), uses);
        }
    }

    /** The problems of one endpoint URI used as a consumer (from) or producer (to). */
    List<String> validateUri(String source, String written, boolean consumer) {
        List<String> problems = new ArrayList<>();
        String where = source + ": " + (consumer ? "from " : "to ") + written + ": ";
        if (written.startsWith("master:")) {
            // camel-master: master:<namespace>:<the consumer it runs on the leader only>
            String rest = written.substring("master:".length());
            int colon = rest.indexOf(':');
            if (!consumer || colon <= 0) {
                problems.add(where + "master: is master:<namespace>:<consumer URI>, in from");
                return problems;
            }
            problems.addAll(validateUri(source, rest.substring(colon + 1), true));
            return problems;
        }
        Matcher m = PLACEHOLDER.matcher(written);
        StringBuilder uri = new StringBuilder();
        while (m.find()) {
            if (m.group(2) == null) {
                problems.add(where + "the placeholder {{" + m.group(1) + "}} has no default, so it cannot be checked");
                m.appendReplacement(uri, "x");
            } else {
                m.appendReplacement(uri, Matcher.quoteReplacement(m.group(2)));
            }
        }
        m.appendTail(uri);
        int colon = uri.indexOf(":");
        if (colon <= 0) {
            problems.add(where + "not an endpoint URI");
            return problems;
        }
        String scheme = uri.substring(0, colon);
        EndpointValidationResult result = catalog.validateEndpointProperties(uri.toString(), false, consumer, !consumer);
        if (result.getUnknownComponent() != null || catalog.componentJSonSchema(scheme) == null) {
            problems.add(where + "unknown component '" + scheme + "'");
            return problems;
        }
        if (!result.isSuccess()) {
            problems.add(where + result.summaryErrorMessage(false, false, true).replace('\n', ' ').trim());
        }
        try {
            JsonNode component = MAPPER.readTree(catalog.componentJSonSchema(scheme)).get("component");
            if (consumer && component.path("producerOnly").asBoolean()) {
                problems.add(where + scheme + " is producer-only: it cannot be used in from");
            }
            if (!consumer && component.path("consumerOnly").asBoolean()) {
                problems.add(where + scheme + " is consumer-only: it cannot be used in to");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }
}
