package io.cameltelemetry.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.cameltelemetry.examples.sandbox.DcsSandbox;
import io.cameltelemetry.examples.sandbox.PylotSandbox;
import io.cameltelemetry.examples.sandbox.Sandboxes;

/**
 * kill -9 soak of the demo DCS -> PYLOT bridge: the sandboxes run in this process; the bridge runs in a child runner
 * process that is killed with SIGKILL at random moments, restarted each time, and finally left to catch up. Then every
 * half-hour DCS had to deliver is looked up in PYLOT: lost readings, wrong values and resent measurements are counted.
 * <p>
 * {@code java -jar benchmarks/target/camel-telemetry-benchmarks.jar soak [--kills N] [--days D] [--seed S]
 * [--missing-every N]} from the
 * project root, after {@code ./mvnw -DskipTests package}.
 */
public final class BridgeSoak {

    private BridgeSoak() {
    }

    static int run(String[] args) throws Exception {
        int kills = 10;
        int days = 7;
        long seed = System.nanoTime();
        int missingEvery = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--missing-every" -> missingEvery = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("bridge-soak");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days));
        try (Sandboxes sandboxes = Sandboxes.start()) {
            sandboxes.dcs().setMissingValueEvery(missingEvery);
            Path props = work.resolve("soak.properties");
            List<String> lines = new ArrayList<>();
            sandboxes.properties().forEach((k, v) -> lines.add(k + " = " + v));
            lines.add("camel.component.pylot.zoneId = UTC");
            lines.add("camel.component.dcs.startTime = " + start);
            lines.add("camel.component.dcs.maxMessagesPerPoll = 40");
            lines.add("dcs.pollDelay = 300");
            lines.add("dcs.cursorFile = " + work.resolve("cursor.dat"));
            lines.add("pylot.batchStore = " + work.resolve("batches"));
            lines.add("dcs.deadLetterDir = " + work.resolve("dead"));
            lines.add("pylot.deadLetterDir = " + work.resolve("dead"));
            Files.write(props, lines);
            System.out.printf("soak: %d kills, %d days of half-hours from %s, seed %d, work dir %s%n", kills, days, start, seed,
                    work);
            for (int k = 1; k <= kills; k++) {
                Process bridge = startBridge(props, work.resolve("run-" + k + ".log"), null);
                long aliveMs = 1500 + random.nextInt(6000);
                Thread.sleep(aliveMs);
                bridge.destroyForcibly(); // SIGKILL
                bridge.waitFor(30, TimeUnit.SECONDS);
                System.out.printf("kill %2d after %5d ms: PYLOT holds %5d values, DCS served %5d readings%n", k, aliveMs,
                        held(sandboxes.pylot()).size(), sandboxes.dcs().readingsServed());
            }
            Instant finalStart = Instant.now();
            Process last = startBridge(props, work.resolve("final.log"), 25);
            if (!last.waitFor(120, TimeUnit.SECONDS)) {
                last.destroyForcibly();
                throw new IllegalStateException("the final run did not stop");
            }
            Instant end = finalStart.truncatedTo(ChronoUnit.HOURS)
                    .plus(Duration.ofMinutes(finalStart.atZone(ZoneOffset.UTC).getMinute() >= 30 ? 30 : 0));
            Map<Instant, Double> values = held(sandboxes.pylot());
            long expected = 0;
            long lost = 0;
            long wrong = 0;
            long skipped = 0;
            for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(30))) {
                Double v = values.get(t);
                if (DcsSandbox.isMissing(missingEvery, t)) {
                    skipped++;
                    wrong += v == null ? 0 : 1; // a reading without a value must never reach PYLOT
                    continue;
                }
                expected++;
                if (v == null) {
                    lost++;
                } else if (v != DcsSandbox.halfHourValue("VM9", t)) {
                    wrong++;
                }
            }
            PylotSandbox pylot = sandboxes.pylot();
            long received = pylot.measurementCount();
            System.out.printf("%nDCS -> PYLOT bridge, %d kill -9s:%n", kills);
            System.out.printf("  DCS readings served (all polls, repeats included): %d%n", sandboxes.dcs().readingsServed());
            System.out.printf("  half-hours to deliver (%s .. %s): %d (and %d without a value, to skip)%n", start, end,
                    expected, skipped);
            System.out.printf("  held by PYLOT: %d, lost: %d, wrong value: %d%n", values.size(), lost, wrong);
            System.out.printf("  measurements PYLOT received: %d (resent after a crash, overwritten: %d)%n", received,
                    received - values.size());
            System.out.printf("  PYLOT requests accepted %d, rejected %d; dead letters: %d%n", pylot.acceptedRequestCount(),
                    pylot.rejectedRequestCount(), count(work.resolve("dead").toFile()));
            return lost == 0 && wrong == 0 ? 0 : 1;
        }
    }

    private static Process startBridge(Path props, Path log, Integer durationSeconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "target/camel-telemetry-runner.jar", "--properties", props.toString()));
        if (durationSeconds != null) {
            cmd.add("--duration");
            cmd.add(String.valueOf(durationSeconds));
        }
        cmd.add("routes/pylot-batch.yaml");
        cmd.add("routes/dcs-energy-to-pylot.yaml");
        return new ProcessBuilder(cmd).directory(new File("examples")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** The values PYLOT holds of the bridge's node ("Energy centre"), by half-hour. */
    static Map<Instant, Double> held(PylotSandbox pylot) {
        return pylot.values().entrySet().stream().filter(e -> e.getKey().node().equals("Energy centre"))
                .collect(Collectors.toMap(e -> LocalDateTime.parse(e.getKey().timestamp()).toInstant(ZoneOffset.UTC),
                        Map.Entry::getValue));
    }

    private static int count(File dir) {
        String[] files = dir.list();
        return files == null ? 0 : files.length;
    }
}
