package io.cameltelemetry.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cameltelemetry.examples.sandbox.ArchFxSandbox;
import io.cameltelemetry.examples.sandbox.Sandboxes;

/**
 * kill -9 soak of the ArchFX demo (examples/routes/archfx-factory.yaml): the sandboxes run in this process, the demo in
 * a child runner process killed with SIGKILL at random moments and restarted, then left to finish, then run once more
 * with the sensors off so the consumer catches up. Counts what matters
 * for crash safety: readings the cloud holds twice (a batch sent again with new ids), readings whose ids were reused
 * (the cloud would drop them), and points the polling route delivered more than once or not at all.
 * <p>
 * {@code java -jar benchmarks/target/camel-telemetry-benchmarks.jar archfx-soak [--kills N] [--seed S]} from the
 * project root, after {@code ./mvnw -DskipTests package}.
 */
public final class ArchFxSoak {

    private static final Pattern POLLED = Pattern.compile("Zone 1 air temperature at (\\S+) = \\S+ \\(record (\\d+)\\)");

    private ArchFxSoak() {
    }

    static int run(String[] args) throws Exception {
        int kills = 8;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("archfx-soak");
        try (Sandboxes sandboxes = Sandboxes.start()) {
            Path props = work.resolve("soak.properties");
            List<String> lines = new ArrayList<>();
            sandboxes.properties().forEach((k, v) -> lines.add(k + " = " + v));
            lines.add("archfx.sensorPeriod = 200");
            lines.add("archfx.pollDelay = 300");
            lines.add("archfx.idFile = " + work.resolve("ids.dat"));
            lines.add("archfx.cursorFile = " + work.resolve("cursor.dat"));
            lines.add("archfx.batchStore = " + work.resolve("batches"));
            lines.add("archfx.deadLetterDir = " + work.resolve("dead"));
            Files.write(props, lines);
            System.out.printf("soak: %d kills, seed %d, work dir %s%n", kills, seed, work);
            List<Path> logs = new ArrayList<>();
            ArchFxSandbox cloud = sandboxes.archfx();
            for (int k = 1; k <= kills; k++) {
                Path log = work.resolve("run-" + k + ".log");
                logs.add(log);
                Process demo = start(props, log, null);
                long aliveMs = 2500 + random.nextInt(5000);
                Thread.sleep(aliveMs);
                demo.destroyForcibly(); // SIGKILL
                demo.waitFor(30, TimeUnit.SECONDS);
                System.out.printf("kill %2d after %5d ms: the cloud holds %5d readings%n", k, aliveMs, cloud.readingCount());
            }
            Path last = work.resolve("final.log");
            logs.add(last);
            Process demo = start(props, last, 20);
            if (!demo.waitFor(120, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
                throw new IllegalStateException("the final run did not stop");
            }
            // catch up: the consumer polls what the final run's last batch (completed at its stop) uploaded
            Path catchUpProps = work.resolve("catch-up.properties");
            List<String> catchUp = new ArrayList<>(lines);
            catchUp.add("archfx.sensors = false");
            Files.write(catchUpProps, catchUp);
            Path catchUpLog = work.resolve("catch-up.log");
            logs.add(catchUpLog);
            Process poll = start(catchUpProps, catchUpLog, 6);
            if (!poll.waitFor(60, TimeUnit.SECONDS)) {
                poll.destroyForcibly();
                throw new IllegalStateException("the catch-up run did not stop");
            }
            Map<String, Integer> byPoint = new HashMap<>();
            Set<Long> localIds = new HashSet<>();
            int reusedIds = 0;
            for (ArchFxSandbox.Reading r : cloud.readings()) {
                byPoint.merge(r.stream() + "@" + r.timestamp(), 1, Integer::sum);
                if (!localIds.add(r.streamerLocalId())) {
                    reusedIds++;
                }
            }
            long twice = byPoint.values().stream().filter(n -> n > 1).count();
            Map<String, Integer> polled = new HashMap<>();
            for (Path log : logs) {
                Matcher m = POLLED.matcher(Files.readString(log));
                while (m.find()) {
                    polled.merge(m.group(2), 1, Integer::sum);
                }
            }
            long zone1 = cloud.readings().stream().filter(r -> r.stream().endsWith("--0001-5001")).count();
            long repeated = polled.values().stream().filter(n -> n > 1).count();
            long notPolled = cloud.readings().stream().filter(r -> r.stream().endsWith("--0001-5001"))
                    .filter(r -> !polled.containsKey(Long.toString(r.id()))).count();
            System.out.printf("%nArchFX demo, %d kill -9s:%n", kills);
            System.out.printf("  readings the cloud holds: %d; held twice (a batch sent again with new ids): %d; "
                    + "reading ids used twice: %d%n", cloud.readingCount(), twice, reusedIds);
            System.out.printf("  Zone 1 air temperature readings in the cloud: %d; polled back: %d; polled more than once: "
                    + "%d; never polled: %d%n", zone1, polled.size(), repeated, notPolled);
            System.out.printf("  dead letters: %d%n", count(work.resolve("dead").toFile()));
            return cloud.readingCount() > 0 && twice == 0 && reusedIds == 0 && notPolled == 0 ? 0 : 1;
        }
    }

    private static Process start(Path props, Path log, Integer durationSeconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/camel-telemetry-runner.jar", "--properties", props.toString()));
        if (durationSeconds != null) {
            cmd.add("--duration");
            cmd.add(String.valueOf(durationSeconds));
        }
        cmd.add("routes/archfx-factory.yaml");
        return new ProcessBuilder(cmd).directory(new File("examples")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static int count(File dir) {
        String[] files = dir.list();
        return files == null ? 0 : files.length;
    }
}
