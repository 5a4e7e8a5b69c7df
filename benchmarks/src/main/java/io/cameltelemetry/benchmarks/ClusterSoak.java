package io.cameltelemetry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cameltelemetry.examples.sandbox.ArchFxSandbox;
import io.cameltelemetry.examples.sandbox.DcsSandbox;
import io.cameltelemetry.examples.sandbox.PylotSandbox;
import io.cameltelemetry.examples.sandbox.Sandboxes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The replicated DCS bridge under leader kills: the sandboxes and an embedded PostgreSQL run in this process; three
 * runner processes share a cluster directory and the database and run examples/cluster/dcs-bridge.yaml, whose
 * {@code master:} DCS poller feeds every reading to PYLOT and (cluster-soak-archfx.yaml) to ArchFX reports uploaded
 * through the report ledger. The soak {@code kill -9}s the replica that leads, again and again (and once one that
 * does not), starting a new replica each time, then lets the cluster catch up and stops it. Every half-hour DCS had
 * to deliver is then looked up in PYLOT and in ArchFX.
 * <p>
 * {@code java -jar benchmarks/target/camel-telemetry-benchmarks.jar cluster-soak [--kills N] [--days D] [--seed S]
 * [--archfx-answer-delay-ms MS]} (--days defaults to 30 + 20 x kills; ArchFX answers an upload 1000 ms after ingesting
 * it, so some kills land after a report was delivered and before the replica knew)
 * from the project root, after {@code ./mvnw -B -ntp -DskipTests package}. The last line reads
 * {@code lost=L duplicates=D reused-ids=R failover-median-ms=M failover-max-ms=X ...}; the exit code is 1 when a
 * target is missed (anything lost, a duplicate ArchFX cannot absorb, a reused id, a median failover of 10 s or more).
 */
public final class ClusterSoak {

    static final String NAMESPACE = "dcs-bridge";
    static final String ARCHFX_VARIABLE = "0001-5101";
    static final long FAILOVER_TARGET_MS = 10_000;
    private static final Pattern LEADERSHIP = Pattern
            .compile("Cluster: replica (\\S+) (now leads|does not lead) " + Pattern.quote(NAMESPACE) + "\\b");

    /** Every runner process started, so that none outlives the soak (a failure, Ctrl-C). */
    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

    private ClusterSoak() {
    }

    /** One runner process and its log. */
    record Replica(String id, Process process, Path log) {
    }

    static int run(String[] args) throws Exception {
        int kills = 10;
        int days = 0;
        long archfxDelay = 1000;
        long seed = System.nanoTime();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--archfx-answer-delay-ms" -> archfxDelay = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (days == 0) {
            // a backlog through all the kills (a poller that has caught up asks DCS nothing), caught up a few minutes
            // after them: at most 40 readings/s
            days = 30 + 20 * kills;
        }
        Path runner = Path.of("examples/target/camel-telemetry-runner.jar");
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("run from the project root after ./mvnw -B -ntp -DskipTests package (no "
                    + runner + ")");
        }
        Thread reaper = new Thread(ClusterSoak::killAll, "cluster-soak-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            return soak(runner, kills, days, seed, archfxDelay);
        } finally {
            killAll();
        }
    }

    private static void killAll() {
        for (Process p : STARTED) {
            p.destroyForcibly();
        }
    }

    private static int soak(Path runner, int kills, int days, long seed, long archfxDelay) throws Exception {
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("cluster-soak");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true).start();
                Sandboxes sandboxes = Sandboxes.start()) {
            // ArchFX answers each upload a while after ingesting it: a leader killed then has uploaded without knowing
            sandboxes.archfx().setReportAnswerDelayMillis(archfxDelay);
            Path props = work.resolve("cluster.properties");
            List<String> lines = new ArrayList<>();
            sandboxes.properties().forEach((k, v) -> lines.add(k + " = " + v));
            lines.add("telemetry.db.url = " + pg.getJdbcUrl("postgres", "postgres"));
            lines.add("telemetry.db.user = postgres");
            lines.add("telemetry.db.password = ");
            lines.add("telemetry.cluster.root = " + work.resolve("cluster"));
            lines.add("telemetry.deadLetterDir = " + work.resolve("dead"));
            lines.add("camel.component.pylot.zoneId = UTC");
            lines.add("dcs.startTime = " + start);
            lines.add("dcs.maxMessagesPerPoll = 20"); // at most 40 readings/s: a backlog through all the kills
            lines.add("dcs.pollDelay = 500");
            lines.add("bridge.alsoTo = direct:archfx-energy");
            Files.write(props, lines);
            Path archfxRoutes = work.resolve("cluster-soak-archfx.yaml");
            try (InputStream in = Objects.requireNonNull(ClusterSoak.class.getResourceAsStream("/cluster-soak-archfx.yaml"))) {
                Files.copy(in, archfxRoutes);
            }
            System.out.printf("cluster soak: 3 replicas, %d leader kills and 1 follower kill, %d days of half-hours from %s, "
                    + "seed %d, work dir %s%n",
                    kills, days, start, seed, work);

            List<Replica> live = new ArrayList<>();
            int[] next = { 1 };
            for (int i = 0; i < 3; i++) {
                live.add(startReplica(runner, props, archfxRoutes, work, "replica-" + next[0]++));
            }
            DcsSandbox dcs = sandboxes.dcs();
            List<Long> failovers = new ArrayList<>();
            int splitBrains = 0;
            int followerKillAt = kills / 2;
            for (int k = 0; k <= kills; k++) {
                Replica leader = awaitLeader(live, Duration.ofSeconds(60));
                Thread.sleep(6000 + random.nextInt(9000));
                if (leaders(live).size() > 1) {
                    splitBrains++;
                }
                Replica victim;
                if (k == followerKillAt) {
                    List<Replica> followers = new ArrayList<>(live);
                    followers.remove(leader);
                    victim = followers.get(random.nextInt(followers.size()));
                } else {
                    victim = awaitLeader(live, Duration.ofSeconds(60));
                }
                victim.process().destroyForcibly(); // SIGKILL
                long killed = System.nanoTime();
                victim.process().waitFor(30, TimeUnit.SECONDS);
                live.remove(victim);
                String what;
                if (victim == leader || k != followerKillAt) {
                    long failover = awaitPollAfter(dcs, killed, Duration.ofSeconds(90));
                    failovers.add(failover);
                    Replica now = awaitLeader(live, Duration.ofSeconds(30));
                    what = String.format("leader %s killed; %s polled after %d ms", victim.id(), now.id(), failover);
                } else {
                    what = "follower " + victim.id() + " killed";
                }
                live.add(startReplica(runner, props, archfxRoutes, work, "replica-" + next[0]++));
                System.out.printf("kill %2d: %s; PYLOT holds %d, ArchFX %d readings; DCS served %d%n", k + 1, what,
                        BridgeSoak.held(sandboxes.pylot()).size(), sandboxes.archfx().readingCount(), dcs.readingsServed());
            }

            Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS)
                    .plus(Duration.ofMinutes(Instant.now().atZone(ZoneOffset.UTC).getMinute() >= 30 ? 30 : 0));
            long expected = Duration.between(start, end).toMinutes() / 30;
            settle(sandboxes, start, end, expected);
            for (Replica r : live) {
                r.process().destroy(); // SIGTERM: a graceful stop
            }
            for (Replica r : live) {
                if (!r.process().waitFor(60, TimeUnit.SECONDS)) {
                    r.process().destroyForcibly();
                    System.out.println("replica " + r.id() + " did not stop within 60 s: killed");
                }
            }
            return report(sandboxes, start, end, kills, failovers, splitBrains, work);
        }
    }

    private static int report(
            Sandboxes sandboxes, Instant start, Instant end, int kills, List<Long> failovers, int splitBrains, Path work)
            throws IOException {
        PylotSandbox pylot = sandboxes.pylot();
        Map<Instant, Double> pylotHeld = BridgeSoak.held(pylot);
        ArchFxSandbox archfx = sandboxes.archfx();
        Map<Instant, Integer> archfxTimes = new HashMap<>();
        Map<Long, String> contentById = new HashMap<>();
        Set<Long> reused = new HashSet<>();
        long archfxWrong = 0;
        for (ArchFxSandbox.Reading r : archfx.readings()) {
            if (!r.stream().endsWith(ARCHFX_VARIABLE)) {
                continue;
            }
            archfxTimes.merge(r.timestamp(), 1, Integer::sum);
            archfxWrong += r.value() == DcsSandbox.halfHourValue("VM9", r.timestamp()) ? 0 : 1;
            String before = contentById.putIfAbsent(r.streamerLocalId(), r.timestamp() + "=" + r.value());
            if (before != null) {
                reused.add(r.streamerLocalId());
            }
        }
        long absorbed = 0;
        long droppedNew = 0;
        for (ArchFxSandbox.Reading r : archfx.ignoredReadings()) {
            if (!r.stream().endsWith(ARCHFX_VARIABLE)) {
                continue;
            }
            String content = r.timestamp() + "=" + r.value();
            String ingested = contentById.get(r.streamerLocalId());
            if (content.equals(ingested)) {
                absorbed++; // the same reading under the same id: a report sent again
            } else if (ingested != null) {
                reused.add(r.streamerLocalId()); // an id given to two readings
            } else {
                droppedNew++; // a reading that arrived after higher ids: dropped by the cloud
            }
        }
        long expected = 0;
        long pylotLost = 0;
        long pylotWrong = 0;
        long archfxLost = 0;
        long duplicates = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(30))) {
            expected++;
            Double v = pylotHeld.get(t);
            if (v == null) {
                pylotLost++;
            } else if (v != DcsSandbox.halfHourValue("VM9", t)) {
                pylotWrong++;
            }
            int n = archfxTimes.getOrDefault(t, 0);
            archfxLost += n == 0 ? 1 : 0;
            duplicates += Math.max(0, n - 1);
        }
        List<Long> sorted = failovers.stream().sorted().toList();
        long median = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        long max = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        long pylotResent = pylot.measurementCount() - pylotHeld.size();
        long lost = pylotLost + archfxLost;
        long deadLetters;
        try (var files = Files.list(Files.createDirectories(work.resolve("dead")))) {
            deadLetters = files.count();
        }
        System.out.printf("%nDCS bridge on 3 replicas, %d leader kills and 1 follower kill:%n", kills);
        System.out.printf("  readings offered (half-hours %s .. %s): %d; DCS served %d (all polls)%n", start, end, expected,
                sandboxes.dcs().readingsServed());
        System.out.printf("  PYLOT: delivered %d, lost %d, wrong value %d; measurements received %d (%d sent again, "
                + "overwritten: absorbed)%n",
                expected - pylotLost, pylotLost, pylotWrong, pylot.measurementCount(), pylotResent);
        System.out.printf("  ArchFX: delivered %d, lost %d, wrong value %d, ingested twice %d; repeats of an ingested id "
                + "(absorbed) %d; new readings dropped as older %d; ids reused %d%n",
                expected - archfxLost, archfxLost, archfxWrong, duplicates, absorbed, droppedNew, reused.size());
        System.out.printf("  failover (kill -9 of the leader to the next DCS poll), ms: %s%n", failovers);
        System.out.printf("  two replicas leading at once: %d; dead letters: %d; logs in %s%n", splitBrains, deadLetters,
                work);
        boolean met = lost == 0 && pylotWrong == 0 && archfxWrong == 0 && duplicates == 0 && reused.isEmpty()
                && median >= 0 && median < FAILOVER_TARGET_MS && splitBrains == 0;
        System.out.printf("lost=%d duplicates=%d reused-ids=%d failover-median-ms=%d failover-max-ms=%d "
                + "pylot-resent=%d archfx-absorbed=%d wrong=%d dead-letters=%d kills=%d target=%s%n",
                lost, duplicates, reused.size(), median, max, pylotResent, absorbed, pylotWrong + archfxWrong,
                deadLetters, failovers.size(), met ? "met" : "MISSED");
        return met ? 0 : 1;
    }

    /** Waits until PYLOT and ArchFX hold every half-hour up to end, or nothing has moved for 60 s. */
    private static void settle(Sandboxes sandboxes, Instant start, Instant end, long expected) throws InterruptedException {
        long lastChange = System.nanoTime();
        long lastSeen = -1;
        while (true) {
            long pylot = BridgeSoak.held(sandboxes.pylot()).keySet().stream().filter(t -> !t.isBefore(start) && t.isBefore(end))
                    .count();
            long archfx = sandboxes.archfx().readings().stream().filter(r -> r.stream().endsWith(ARCHFX_VARIABLE))
                    .map(ArchFxSandbox.Reading::timestamp).filter(t -> !t.isBefore(start) && t.isBefore(end)).distinct()
                    .count();
            if (pylot >= expected && archfx >= expected) {
                Thread.sleep(6000); // a last completion interval, for anything sent twice to show
                return;
            }
            if (pylot + archfx != lastSeen) {
                lastSeen = pylot + archfx;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(60)) {
                System.out.printf("settling: nothing moved for 60 s (PYLOT %d, ArchFX %d of %d)%n", pylot, archfx, expected);
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static Replica startReplica(Path runner, Path props, Path archfxRoutes, Path work, String id)
            throws IOException {
        Path log = work.resolve(id + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dtelemetry.cluster.id=" + id, "-jar", runner.toString(), "--properties", props.toString(),
                "examples/cluster/db.yaml", "examples/cluster/dcs-bridge.yaml", archfxRoutes.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        STARTED.add(p);
        return new Replica(id, p, log);
    }

    /** The live replicas whose last leadership line says they lead. */
    static List<Replica> leaders(List<Replica> live) throws IOException {
        List<Replica> leaders = new ArrayList<>();
        for (Replica r : live) {
            if (!Files.exists(r.log())) {
                continue;
            }
            String last = null;
            Matcher m = LEADERSHIP.matcher(Files.readString(r.log(), StandardCharsets.UTF_8));
            while (m.find()) {
                last = m.group(2);
            }
            if ("now leads".equals(last)) {
                leaders.add(r);
            }
        }
        return leaders;
    }

    private static Replica awaitLeader(List<Replica> live, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Replica> leaders = leaders(live);
            if (leaders.size() == 1) {
                return leaders.get(0);
            }
            for (Replica r : live) {
                if (!r.process().isAlive()) {
                    throw new IllegalStateException("replica " + r.id() + " exited with " + r.process().exitValue()
                            + "; see " + r.log());
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no single leader of " + NAMESPACE + " among " + live.stream().map(Replica::id)
                .toList() + " within " + timeout + " (leaders: " + leaders(live).stream().map(Replica::id).toList() + ")");
    }

    /** Milliseconds from killed to the first DCS readings request after it. */
    private static long awaitPollAfter(DcsSandbox dcs, long killed, Duration timeout) throws InterruptedException {
        long deadline = killed + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long last = dcs.lastReadingsRequestNanos();
            if (last - killed > 0) {
                return TimeUnit.NANOSECONDS.toMillis(last - killed);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no replica polled DCS within " + timeout + " of the leader's kill (a poller "
                + "that has caught up asks nothing: give more --days)");
    }
}
