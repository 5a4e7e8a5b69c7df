package io.cameltelemetry.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Camel K manifests of examples/camel-k, checked offline as a cluster would: the structure of Camel K 2.5's
 * Integration and Pipe (our schema, unknown fields under spec are errors), the routes parse with camel-yaml-dsl, and
 * every endpoint URI validates with camel-catalog extended with our components (see {@link RouteValidator}). The same
 * route check runs over every YAML route in the tree: examples/routes, the docs' YAML examples and the Quarkus app's
 * own route files (it has none today: it runs examples/routes), so a renamed option breaks the build, not a user's
 * deployment.
 */
class CamelKManifestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CAMEL_K = Path.of("camel-k");
    private static RouteValidator validator;
    private static JsonNode schema;

    @BeforeAll
    static void load() throws Exception {
        validator = new RouteValidator();
        schema = MAPPER.readTree(CAMEL_K.resolve("schema/camel-k-manifests.schema.json").toFile());
    }

    private static List<Object> documents(String yaml) {
        List<Object> docs = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(d -> {
            if (d != null) {
                docs.add(d);
            }
        });
        return docs;
    }

    /** The schema problems of one manifest, by its kind. */
    private static List<String> schemaProblems(String where, JsonNode manifest) {
        String kind = manifest.path("kind").asText();
        if (!schema.path("definitions").has(kind) || !Character.isUpperCase(kind.isEmpty() ? 'x' : kind.charAt(0))) {
            return List.of(where + ": unknown kind '" + kind + "'");
        }
        ObjectNode root = schema.deepCopy();
        root.put("$ref", "#/definitions/" + kind);
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : s.validate(manifest)) {
            problems.add(where + ": " + m.getMessage());
        }
        return problems;
    }

    /** Every problem of a manifest file: structure, routes, endpoints, dependencies, secrets. */
    private static List<String> check(String where, String yaml, Set<String> secrets) throws Exception {
        List<String> problems = new ArrayList<>();
        String version = projectVersion();
        for (Object doc : documents(yaml)) {
            JsonNode manifest = MAPPER.valueToTree(doc);
            String name = where + " " + manifest.path("kind").asText() + "/" + manifest.path("metadata").path("name")
                    .asText();
            problems.addAll(schemaProblems(name, manifest));
            JsonNode spec = manifest.path("spec");
            Set<String> used = new TreeSet<>();
            JsonNode traits = spec.path("traits");
            JsonNode dependencies = spec.path("dependencies");
            if ("Integration".equals(manifest.path("kind").asText()) && spec.has("flows")) {
                String flows = MAPPER.writeValueAsString(spec.get("flows"));
                problems.addAll(validator.validateYaml(name, flows));
                for (RouteValidator.Use use : RouteValidator.endpoints(name, flows)) {
                    used.add(use.uri().substring(0, use.uri().indexOf(':')));
                }
            } else if ("Pipe".equals(manifest.path("kind").asText())) {
                problems.addAll(validator.validateUri(name, uri(spec.path("source")), true));
                problems.addAll(validator.validateUri(name, uri(spec.path("sink")), false));
                used.add(spec.path("source").path("uri").asText().split(":")[0]);
                used.add(spec.path("sink").path("uri").asText().split(":")[0]);
                traits = spec.path("integration").path("traits");
                dependencies = spec.path("integration").path("dependencies");
            }
            used.retainAll(validator.components().keySet());
            for (String component : used) {
                String dependency = "mvn:io.cameltelemetry:camel-" + component + ":" + version;
                if (!dependencies.toString().contains("\"" + dependency + "\"")) {
                    problems.add(name + ": uses " + component + ": but does not depend on " + dependency);
                }
            }
            for (JsonNode config : traits.path("mount").path("configs")) {
                String secret = config.asText().replaceFirst("^secret:", "");
                if (config.asText().startsWith("secret:") && !secrets.contains(secret)) {
                    problems.add(name + ": mounts secret " + secret + ", which secrets.example.yaml does not define");
                }
            }
        }
        return problems;
    }

    private static String uri(JsonNode endpoint) {
        StringBuilder uri = new StringBuilder(endpoint.path("uri").asText());
        char sep = uri.indexOf("?") < 0 ? '?' : '&';
        for (var it = endpoint.path("properties").fields(); it.hasNext();) {
            var p = it.next();
            uri.append(sep).append(p.getKey()).append('=').append(p.getValue().asText());
            sep = '&';
        }
        return uri.toString();
    }

    private static Set<String> secrets() throws Exception {
        return new TreeSet<>(secretKeys().keySet());
    }

    private static String projectVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>camel-telemetry-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    private static List<Path> files(Path dir, String glob) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted().toList();
        }
    }

    @Test
    void everyManifestIsACamelKResourceWhoseRoutesAndEndpointsValidate() throws Exception {
        Set<String> secrets = secrets();
        List<String> problems = new ArrayList<>();
        List<Path> manifests = files(CAMEL_K, "*.yaml");
        assertTrue(manifests.size() >= 7, "manifests: " + manifests);
        for (Path file : manifests) {
            problems.addAll(check(file.toString(), Files.readString(file), secrets));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void oneIntegrationPerDemoRouteWithTheRouteFilesContent() throws Exception {
        List<Path[]> pairs = new ArrayList<>();
        for (Path route : files(Path.of("routes"), "*.yaml")) {
            pairs.add(new Path[]{ route, CAMEL_K.resolve(route.getFileName()) });
        }
        List<Path> cluster = files(Path.of("cluster"), "*.yaml");
        assertTrue(cluster.size() >= 2, "replicated routes: " + cluster);
        for (Path route : cluster) {
            if (!route.getFileName().toString().equals("db.yaml")) {
                pairs.add(new Path[]{ route, CAMEL_K.resolve("cluster").resolve(route.getFileName()) });
            }
        }
        for (Path[] pair : pairs) {
            Path route = pair[0];
            Path manifest = pair[1];
            List<Object> flows = new ArrayList<>();
            if (route.startsWith("cluster")) {
                // a replicated Integration's flows start with db.yaml's bean db
                flows.addAll((List<?>) documents(Files.readString(Path.of("cluster/db.yaml"))).get(0));
            }
            flows.addAll((List<?>) documents(Files.readString(route)).get(0));
            assertTrue(Files.exists(manifest), "no Integration for " + route + ": run tools/camel-k-manifests.py");
            JsonNode integration = MAPPER.valueToTree(documents(Files.readString(manifest)).get(0));
            assertEquals("Integration", integration.path("kind").asText());
            assertEquals(MAPPER.valueToTree(flows), integration.path("spec")
                    .path("flows"), manifest + " differs from " + route + ": run tools/camel-k-manifests.py");
        }
    }

    @Test
    void everyYamlRouteInTheTreeValidates() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        List<Path> routeFiles = new ArrayList<>(files(Path.of("routes"), "*.yaml"));
        routeFiles.addAll(files(Path.of("src/test/resources/docs"), "*.yaml"));
        routeFiles.addAll(files(Path.of("../examples-quarkus/src/main/resources"), "*.yaml"));
        for (Path file : routeFiles) {
            problems.addAll(validator.validateYaml(file.toString(), Files.readString(file)));
            checked++;
        }
        // the replicated routes, each after db.yaml as they are run (their beans take its bean db)
        String db = Files.readString(Path.of("cluster/db.yaml"));
        for (Path file : files(Path.of("cluster"), "*.yaml")) {
            problems.addAll(validator.validateYaml(file.toString(), db + "\n" + Files.readString(file)));
            checked++;
        }
        // the YAML blocks of every component's docs that are routes
        Pattern block = Pattern.compile("\\[source,yaml]\\n----\\n(.*?)\\n----", Pattern.DOTALL);
        for (Path doc : files(Path.of(".."), "*-component.adoc")) {
            Matcher m = block.matcher(Files.readString(doc));
            int n = 0;
            while (m.find()) {
                String yaml = m.group(1);
                if (yaml.contains("- route:") || yaml.contains("- from:")) {
                    problems.addAll(validator.validateYaml(doc.getFileName() + " block " + ++n, yaml));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 10, checked + " route documents");
        assertEquals(List.of(), problems);
    }

    /**
     * What scaling an Integration to several replicas needs, per replicated manifest (camel-k/cluster): replicas, the
     * master trait on a Lease, every polling consumer behind master: (one replica polls), and the shared database
     * from the Secret camel-telemetry-db, never from a property or variable written into the manifest.
     */
    static List<String> replicationProblems(String where, JsonNode integration, Map<String, Set<String>> secretKeys)
            throws Exception {
        List<String> problems = new ArrayList<>();
        JsonNode spec = integration.path("spec");
        if (spec.path("replicas").asInt(0) < 2) {
            problems.add(where + ": spec.replicas must be 2 or more, not " + spec.path("replicas"));
        }
        JsonNode master = spec.path("traits").path("master");
        if (!master.path("enabled").asBoolean(false) || !"Lease".equals(master.path("resourceType").asText())) {
            problems.add(where + ": needs the master trait, enabled, on a Lease: " + master);
        }
        for (RouteValidator.Use use : RouteValidator.endpoints(where, MAPPER.writeValueAsString(spec.get("flows")))) {
            String scheme = use.uri().substring(0, use.uri().indexOf(':'));
            if (use.consumer() && !Set.of("direct", "seda", "master").contains(scheme)) {
                problems.add(where + ": from " + use.uri() + " polls on every replica: put it behind master:");
            }
        }
        List<String> configs = new ArrayList<>();
        spec.path("traits").path("mount").path("configs").forEach(c -> configs.add(c.asText()));
        if (!configs.contains("secret:camel-telemetry-db")) {
            problems.add(where + ": the database settings must come from the Secret camel-telemetry-db (mount configs)");
        }
        Set<String> dbKeys = secretKeys.getOrDefault("camel-telemetry-db", Set.of());
        for (String key : List.of("telemetry.db.url", "telemetry.db.user", "telemetry.db.password")) {
            if (!dbKeys.contains(key)) {
                problems.add(where + ": the Secret camel-telemetry-db has no key " + key);
            }
        }
        for (String field : List.of("camel", "environment")) {
            for (JsonNode p : spec.path("traits").path(field).path(field.equals("camel") ? "properties" : "vars")) {
                if (p.asText().toLowerCase(Locale.ROOT).matches("(telemetry\\.db\\.|telemetry_db_).*")) {
                    problems.add(where + ": " + p.asText().replaceFirst("=.*", "=...") + " is written into the manifest: "
                            + "take it from the Secret camel-telemetry-db");
                }
            }
        }
        return problems;
    }

    private static Map<String, Set<String>> secretKeys() throws Exception {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (Object doc : documents(Files.readString(CAMEL_K.resolve("secrets.example.yaml")))) {
            JsonNode manifest = MAPPER.valueToTree(doc);
            Set<String> names = new TreeSet<>();
            manifest.path("stringData").fieldNames().forEachRemaining(names::add);
            keys.put(manifest.path("metadata").path("name").asText(), names);
        }
        return keys;
    }

    @Test
    void replicatedIntegrationsPollOnOneReplicaAndTakeTheDatabaseFromASecret() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> manifests = files(CAMEL_K.resolve("cluster"), "*.yaml");
        assertTrue(manifests.size() >= 1, "replicated manifests: " + manifests);
        for (Path file : manifests) {
            JsonNode integration = MAPPER.valueToTree(documents(Files.readString(file)).get(0));
            problems.addAll(replicationProblems(file.toString(), integration, secretKeys()));
        }
        assertEquals(List.of(), problems);

        // and the check catches what would poll three times or put the database password in the manifest
        JsonNode broken = MAPPER.valueToTree(documents("""
                apiVersion: camel.apache.org/v1
                kind: Integration
                metadata:
                  name: broken
                spec:
                  replicas: 3
                  traits:
                    camel:
                      properties: [telemetry.db.password=hunter2]
                  flows:
                    - route:
                        from:
                          uri: dcs:readings?id=9
                          steps:
                            - to: log:x
                """).get(0));
        String all = String.join("\n", replicationProblems("inline", broken, secretKeys()));
        assertTrue(all.contains("master trait"), all);
        assertTrue(all.contains("from dcs:readings?id=9 polls on every replica"), all);
        assertTrue(all.contains("camel-telemetry-db (mount configs)"), all);
        assertTrue(all.contains("telemetry.db.password=... is written into the manifest") && !all.contains("hunter2"), all);
    }

    @Test
    void theValidatorCatchesWhatAClusterWouldRefuse() throws Exception {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("unknown option", "pylot:demo?batchSizee=10");
        broken.put("bad enum", "dcs:readings?id=9&periodType=fortnight");
        broken.put("bad type", "esmond:data?eventType=throughput&pageSize=many");
        broken.put("missing required path parameter", "initialstate:");
        broken.put("unknown scheme", "pylott:demo");
        broken.put("producer-only component in from", "initialstate:dashboard");
        broken.put("producer option in from", "esmond:data?eventType=throughput&skipDuplicates=true");
        broken.put("master without a namespace in from", "master:dcs:readings?id=9&periodTyp=halfHour");
        broken.put("bad option behind master in from", "master:bridge:dcs:readings?id=9&periodTyp=halfHour");
        for (Map.Entry<String, String> b : broken.entrySet()) {
            boolean consumer = b.getKey().contains("in from");
            List<String> problems = validator.validateUri(b.getKey(), b.getValue(), consumer);
            assertFalse(problems.isEmpty(), b.getKey() + ": " + b.getValue() + " passed");
        }
        // options given as YAML parameters are checked too
        List<String> yamlProblems = validator.validateYaml("parameters", """
                - route:
                    from:
                      uri: dcs:readings
                      parameters:
                        id: 9
                        periodTyp: halfHour
                      steps:
                        - to:
                            uri: esmond:bulk
                            parameters:
                              pageSize: lots
                """);
        assertTrue(yamlProblems.toString().contains("periodTyp") && yamlProblems.toString().contains("pageSize"),
                String.valueOf(yamlProblems));
        assertTrue(validator.validateUri("ok", "esmond:metadata?filter.bw-parallel-streams=2&toolName=x", false)
                .isEmpty(), "multi-value options validate");
        assertTrue(validator.validateUri("ok", "dcs:readings?id={{dcs.id:9}}&delay={{dcs.pollDelay:1800000}}", true)
                .isEmpty(), "placeholders with defaults validate");

        String integration = """
                apiVersion: camel.apache.org/v1
                kind: Integration
                metadata:
                  name: broken
                spec:
                  flowz: []
                  traits:
                    mount:
                      configs: [secret:camel-telemetry-pylot]
                      volume: [data:/data]
                  flows:
                    - route:
                        from:
                          uri: initialstate:dashboard
                          steps:
                            - to: "pylot:demo?batchSizee=1"
                """;
        List<String> problems = check("inline", integration, secrets());
        String all = String.join("\n", problems);
        assertTrue(all.contains("flowz"), all);
        assertTrue(all.contains("volume"), all);
        assertTrue(all.contains("producer-only"), all);
        assertTrue(all.contains("batchSizee"), all);
        assertTrue(all.contains("does not depend on mvn:io.cameltelemetry:camel-pylot"), all);
        String pipe = """
                apiVersion: camel.apache.org/v1
                kind: Pipe
                metadata:
                  name: Bad_Name
                spec:
                  source:
                    uri: esmond:data
                    properties:
                      eventTypes: throughput
                  sink:
                    uri: log:x
                """;
        all = String.join("\n", check("inline", pipe, secrets()));
        assertTrue(all.contains("eventTypes"), all);
        assertTrue(all.contains("name"), all);
    }
}
