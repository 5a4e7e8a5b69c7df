package io.cameltelemetry.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cameltelemetry.examples.sandbox.PylotSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's command line, run in-process: the demo routes against the sandbox, exit codes, failure reasons. */
class RunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Runner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDemoRoutesSendBatchedMeasurementsToTheSandbox() {
        // a fresh DCS cursor: properties come from system properties too, as with java -D
        System.setProperty("dcs.cursorFile", dir.resolve("cursor.dat").toString());
        System.setProperty("pylot.batchStore", dir.resolve("batches").toString());
        System.setProperty("initialstate.batchStore", dir.resolve("is-batches").toString());
        System.setProperty("initialstate.spillDirectory", dir.resolve("is-spill").toString());
        Runner.Options options = Runner.Options.parse("--sandbox", "--max-messages", "60",
                "--properties", "application.properties", "routes/greenhouse-sensors.yaml", "routes/pylot-batch.yaml",
                "routes/dcs-energy-to-pylot.yaml", "routes/initialstate-dashboard.yaml");
        LocalDateTime before = LocalDateTime.now(ZoneId.of("Europe/Amsterdam")).truncatedTo(ChronoUnit.SECONDS);
        Runner runner = new Runner(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, runner.run(), err());
        } finally {
            System.clearProperty("dcs.cursorFile");
            System.clearProperty("pylot.batchStore");
            System.clearProperty("initialstate.batchStore");
            System.clearProperty("initialstate.spillDirectory");
        }
        LocalDateTime after = LocalDateTime.now(ZoneId.of("Europe/Amsterdam"));

        PylotSandbox sandbox = runner.sandboxes().pylot();
        assertEquals(0, sandbox.rejectedRequestCount());
        assertTrue(sandbox.acceptedRequestCount() >= 1);
        Map<PylotSandbox.Key, Double> values = sandbox.values();
        Set<String> series = values.keySet().stream().map(k -> k.adapter() + "/" + k.node() + "/" + k.metric())
                .collect(Collectors.toSet());
        // the YAML sensors for 3 zones and the Java DSL climate controller, through one aggregator
        for (String zone : new String[]{ "Zone 1", "Zone 2", "Zone 3" }) {
            for (String metric : new String[]{ "air-temperature", "relative-humidity", "co2" }) {
                assertTrue(series.contains("greenhouse-demo/" + zone + "/" + metric), series.toString());
            }
        }
        assertTrue(series.contains("greenhouse-demo/Zone 1/heating-setpoint"), series.toString());
        assertTrue(series.contains("greenhouse-demo/Zone 1/vent-opening"), series.toString());
        assertTrue(values.entrySet().stream().filter(e -> e.getKey().metric().equals("vent-opening"))
                .map(Map.Entry::getValue).distinct().count() > 1, "the controller's values change: " + values);
        // timestamps are greenhouse-local (Europe/Amsterdam from application.properties)
        for (PylotSandbox.Key key : values.keySet()) {
            if (key.node().equals("Energy centre")) {
                continue; // DCS readings are of the last day, checked below
            }
            LocalDateTime ts = LocalDateTime.parse(key.timestamp());
            assertFalse(ts.isBefore(before) || ts.isAfter(after), key + " outside [" + before + ", " + after + "]");
        }
        assertTrue(out().contains("PYLOT sandbox:"), out());
        assertTrue(out().contains("greenhouse-demo / Zone 2"), out());
        // the DCS -> PYLOT bridge: a day of VM9's half-hourly energy (the consumer's default start)
        long energy = values.keySet().stream().filter(k -> k.node().equals("Energy centre")
                && k.metric().equals("heating-energy-kwh")).count();
        assertEquals(48, energy, series.toString());
        assertTrue(out().contains("DCS sandbox:"), out());
        assertTrue(out().matches("(?s).*camel-telemetry-runner: (6\\d) exchanges completed.*"), out());
        // the same readings and sensor values streamed to the Initial State dashboard bucket
        var dashboard = runner.sandboxes().initialState().bucket("greenhouse-dashboard");
        assertEquals(48, dashboard.get("heating-energy-kwh").count(), dashboard.toString());
        assertTrue(dashboard.containsKey("Zone 3 co2"), dashboard.toString());
        assertTrue(out().contains("bucket greenhouse-dashboard (Greenhouse dashboard)"), out());
    }

    @Test
    void maxMessagesCountsConsumerExchangesNotSplitPartsOrDirectCalls() throws Exception {
        Path route = Files.writeString(dir.resolve("split.yaml"), """
                - route:
                    id: ticks
                    from:
                      uri: timer:ticks?period=10&repeatCount=5
                      steps:
                        - setBody:
                            simple: "a,b,c,d"
                        - split:
                            tokenize: ","
                            steps:
                              - to: direct:part
                - route:
                    id: parts
                    from:
                      uri: direct:part
                      steps:
                        - log:
                            message: "part ${body}"
                            loggingLevel: DEBUG
                """);
        assertEquals(0, run("--properties", "src/test/resources/no-settings.properties", "--max-messages", "3",
                route.toString()));
        // 3 timer exchanges ended the run (up to 5 may finish while it drains); had the split parts or their
        // direct: calls counted, the 5 timer ticks would have made 25 or more
        assertTrue(out().matches("(?s).*camel-telemetry-runner: [345] exchanges completed.*"), out());
    }

    @Test
    void anUnknownEndpointOptionFailsTheRunWithTheReason() throws Exception {
        Path route = Files.writeString(dir.resolve("bad.yaml"), """
                - route:
                    id: bad
                    from:
                      uri: timer:bad?repeatCount=1
                      steps:
                        - to: "log:bad?bogusOption=1"
                """);
        assertEquals(1, run("--properties", "src/test/resources/no-settings.properties", "--max-messages", "1",
                route.toString()));
        assertTrue(err().contains("bogusOption"), err());
    }

    @Test
    void anUnhandledExchangeFailureFailsTheRun() throws Exception {
        Path route = Files.writeString(dir.resolve("boom.yaml"), """
                - route:
                    id: boom
                    from:
                      uri: timer:boom?repeatCount=1
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: "sensor exploded"
                """);
        assertEquals(1, run("--properties", "src/test/resources/no-settings.properties", "--max-messages", "1",
                route.toString()));
        assertTrue(err().contains("sensor exploded"), err());
        assertTrue(err().contains("from route boom"), err());
    }

    @Test
    void aRejectedBatchFailsTheRunWithoutLeakingThePassword() throws Exception {
        Path route = wrongPasswordRoute("wrong-password", 2, "completionSize: 2");
        assertEquals(1, run("--sandbox", "--properties", "src/test/resources/no-settings.properties",
                "--max-messages", "2", route.toString()));
        assertTrue(err().contains("statusCode: 401"), err());
        assertFalse(err().contains("NotTheSandboxPassword"), err());
        assertTrue(out().contains("1 rejected"), out());
    }

    @Test
    void aBatchThatFailsWhenCompletedOnStopFailsTheRun() throws Exception {
        Path route = wrongPasswordRoute("on-stop", 3, "completionSize: 1000\n            forceCompletionOnStop: true");
        assertEquals(1, run("--sandbox", "--properties", "src/test/resources/no-settings.properties",
                "--max-messages", "3", route.toString()));
        assertTrue(err().contains("statusCode: 401"), err());
        assertTrue(out().contains("1 rejected"), out());
    }

    /** A timer -> aggregator -> pylot route whose password the sandbox rejects. */
    private Path wrongPasswordRoute(String id, int messages, String completion) throws Exception {
        return Files.writeString(dir.resolve(id + ".yaml"), """
                - route:
                    id: %s
                    from:
                      uri: timer:%s?repeatCount=%d&period=10
                      steps:
                        - setBody:
                            constant: "21.5"
                        - aggregate:
                            aggregationStrategy: "#class:io.cameltelemetry.pylot.PylotAggregationStrategy"
                            correlationExpression:
                              constant: pylot
                            %s
                            steps:
                              - to: "pylot:demo?node=Zone 1&metric=t&password=RAW(NotTheSandboxPassword)&maxRetries=0"
                """.formatted(id, id, messages, completion));
    }

    @Test
    void badCommandLinesExitWith2() throws Exception {
        assertEquals(2, run());
        assertTrue(err().contains("no ROUTE_FILE"), err());
        assertTrue(err().contains("usage:"), err());
        Path route = Files.writeString(dir.resolve("ok.yaml"), "[]");
        assertEquals(2, run("--max-messages", "many", route.toString()));
        assertTrue(err().contains("--max-messages needs a positive whole number, not 'many'"), err());
        assertEquals(2, run("--duration", "0", route.toString()));
        assertEquals(2, run("--fast", route.toString()));
        assertTrue(err().contains("unknown option --fast"), err());
        assertEquals(2, run(dir.resolve("missing.yaml").toString()));
        assertTrue(err().contains("route file not found"), err());
    }
}
