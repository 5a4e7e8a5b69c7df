package io.cameltelemetry.quarkus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built application as users start it: {@code java -Dquarkus.profile=sandbox -jar quarkus-run.jar}, with the route
 * files chosen at start ({@code camel.main.routes-include-pattern}) and stopping by itself after N messages
 * ({@code camel.main.duration-max-messages}, as the runner's --max-messages).
 */
class QuarkusRunIT {

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run run(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=sandbox", "-Ddemo.data-dir=" + dir.resolve("data")));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not stop by itself:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void routeFilesAreChosenAtStartAndMaxMessagesStopsTheApplication() throws Exception {
        Run run = run("-Dcamel.main.routes-include-pattern=file:../examples/routes/esmond-throughput.yaml",
                "-Dcamel.main.duration-max-messages=12");
        assertEquals(0, run.exit(), run.output());
        // the esmond file's 4 routes and the Java DSL climate controller, which is always there (and drops its reports
        // when pylot-batch.yaml is not loaded)
        assertTrue(run.output().contains("Routes startup (total:5)"), "only the esmond routes:\n" + run.output());
        assertTrue(run.output().contains("Started throughput-daily-average (esmond://data)"), run.output());
        assertFalse(run.output().contains("Started pylot-batch"), run.output());
        assertTrue(run.output().contains("esmond: the iperf3 tests go to metadata"), run.output());
        assertTrue(run.output().contains("esmond sandbox: "), "the sandboxes' report:\n" + run.output());
    }

    @Test
    void theDefaultRoutesAreTheReadmesDemoAndEveryRouteDeliversBeforeTheReadmesStop() throws Exception {
        Run run = run("-Dcamel.main.duration-max-seconds=20", "-Ddemo.routes-dir=../examples/routes");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Routes startup (total:18)"), run.output());
        for (String delivered : new String[]{ "PYLOT sandbox: [1-9]\\d* requests accepted, 0 rejected; [1-9]",
                "DCS sandbox: [1-9]\\d* requests, [1-9]\\d* readings served",
                "Initial State sandbox: [1-9]\\d* requests, [1-9]\\d* events accepted",
                "esmond sandbox: [1-9]\\d* requests, [1-9]\\d* points written",
                "ArchFX sandbox: [1-9]\\d* requests, [1-9]\\d* reports, [1-9]\\d* readings held" }) {
            assertTrue(run.output().matches("(?s).*" + delivered + ".*"), delivered + ":\n" + run.output());
        }
        assertFalse(run.output().contains("Credentials missing"), "the sandbox profile has every credential");
    }
}
