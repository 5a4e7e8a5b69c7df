package io.cameltelemetry.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import io.cameltelemetry.archfx.ArchFxComponent;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.common.state.JdbcIdAllocator;
import io.cameltelemetry.common.state.JdbcStateRepository;
import io.cameltelemetry.dcs.DcsComponent;
import io.cameltelemetry.examples.sandbox.ArchFxSandbox;
import io.cameltelemetry.examples.sandbox.DcsSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * State on PostgreSQL against state in memory, in one run (paired rounds, alternating which goes first; the ratio is
 * the median of the per-round ratios):
 * <ol>
 * <li>DCS polling: a {@code dcs:readings} consumer catching up 60 days of half-hourly readings (2,880) from the DCS
 * sandbox, its cursor (moved after every delivered reading) in a {@code MemoryStateRepository} vs a
 * {@code JdbcStateRepository} on an embedded PostgreSQL through a HikariCP pool;</li>
 * <li>ArchFX reports: 20 reports of 10,000 readings (the default maxReadingsPerReport) uploaded to the ArchFX sandbox,
 * ids from a
 * {@code MemoryStateRepository} ({@code idRepository}) vs a {@code JdbcIdAllocator} ({@code idAllocator}, one block per
 * report) on the same PostgreSQL.</li>
 * </ol>
 */
public final class StateOnPostgres {

    private static final int DAYS = 60;
    private static final int READINGS = DAYS * 48;
    private static final int REPORTS = 20;
    private static final int PER_REPORT = 10_000;

    private StateOnPostgres() {
    }

    @FunctionalInterface
    private interface Round {
        double run(boolean onPostgres, int round) throws Exception;
    }

    static int run(String[] args) throws Exception {
        int rounds = 5;
        int warmup = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("state-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
                HikariDataSource db = new HikariDataSource();
                DcsSandbox dcs = new DcsSandbox().start(0);
                ArchFxSandbox archfx = new ArchFxSandbox().start(0)) {
            db.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            db.setUsername("postgres");
            db.setMaximumPoolSize(4);
            double[] dcsRatio = measure("DCS polling, readings/s", rounds, warmup, (onPg, r) -> dcsRound(dcs, db, onPg, r));
            double[] archfxRatio = measure("ArchFX reports, readings/s", rounds, warmup,
                    (onPg, r) -> archfxRound(archfx, db, onPg, r));
            System.out.printf(Locale.ROOT, "%nState on PostgreSQL (embedded, HikariCP) vs in memory, median of %d paired "
                    + "rounds:%n", rounds);
            System.out.printf(Locale.ROOT, "  DCS polling, cursor per delivered reading : memory %,10.0f  postgres %,10.0f "
                    + "readings/s  ratio %5.1f %%%n", dcsRatio[0], dcsRatio[1], dcsRatio[2] * 100);
            System.out.printf(Locale.ROOT, "  ArchFX reports, ids per report            : memory %,10.0f  postgres %,10.0f "
                    + "readings/s  ratio %5.1f %%%n", archfxRatio[0], archfxRatio[1], archfxRatio[2] * 100);
            return 0;
        }
    }

    /** Median memory rate, median PostgreSQL rate, median per-round ratio. */
    private static double[] measure(String what, int rounds, int warmup, Round round) throws Exception {
        double[] memory = new double[rounds];
        double[] postgres = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            double m;
            double p;
            if ((r & 1) == 0) {
                m = round.run(false, r + warmup);
                p = round.run(true, r + warmup);
            } else {
                p = round.run(true, r + warmup);
                m = round.run(false, r + warmup);
            }
            System.out.printf(Locale.ROOT, "%s %s round %d: memory %,10.0f  postgres %,10.0f  ratio %5.1f %%%n", what,
                    r < 0 ? "warm-up " : "measured", r < 0 ? r + warmup + 1 : r + 1, m, p, p / m * 100);
            if (r >= 0) {
                memory[r] = m;
                postgres[r] = p;
                ratios[r] = p / m;
            }
        }
        return new double[]{ PairedRounds.median(memory), PairedRounds.median(postgres), PairedRounds.median(ratios) };
    }

    private static double dcsRound(DcsSandbox sandbox, HikariDataSource db, boolean onPostgres, int round)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        try (CamelContext ctx = new DefaultCamelContext()) {
            DcsComponent dcs = ctx.getComponent("dcs", DcsComponent.class);
            dcs.getConfiguration().setBaseUrl(sandbox.publicBaseUrl());
            dcs.getConfiguration().setUsername(DcsSandbox.DEFAULT_USERNAME);
            dcs.getConfiguration().setPassword(DcsSandbox.DEFAULT_PASSWORD);
            ctx.getRegistry().bind("cursor", onPostgres
                    ? new JdbcStateRepository(db, "bench-dcs-" + round + "-" + System.nanoTime())
                    : new MemoryStateRepository());
            AtomicLong count = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dcs:readings?id=9&isVirtual=true&periodType=halfHour&startTime=" + now.minus(Duration.ofDays(DAYS))
                            + "&endTime=" + now + "&stateRepository=#cursor&initialDelay=0&delay=10&maxWindow=30d")
                            .process(e -> {
                                if (count.incrementAndGet() == READINGS) {
                                    done.countDown();
                                }
                            });
                }
            });
            long start = System.nanoTime();
            ctx.start();
            if (!done.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("DCS round delivered " + count.get() + " of " + READINGS);
            }
            return READINGS / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static final AtomicInteger DEVICES = new AtomicInteger(0x100);

    private static double archfxRound(ArchFxSandbox sandbox, HikariDataSource db, boolean onPostgres, int round)
            throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            ArchFxComponent component = ctx.getComponent("archfx", ArchFxComponent.class);
            component.getConfiguration().setBaseUrl(sandbox.domain());
            component.getConfiguration().setEmail(ArchFxSandbox.DEFAULT_EMAIL);
            component.getConfiguration().setPassword(ArchFxSandbox.DEFAULT_PASSWORD);
            String ids;
            if (onPostgres) {
                JdbcIdAllocator allocator = new JdbcIdAllocator();
                allocator.setDataSource(db);
                allocator.setRepositoryName("bench-archfx-" + round + "-" + System.nanoTime());
                ctx.getRegistry().bind("ids", allocator);
                ids = "idAllocator=#ids";
            } else {
                ctx.getRegistry().bind("ids", new MemoryStateRepository());
                ids = "idRepository=#ids";
            }
            ctx.start();
            ProducerTemplate template = ctx.createProducerTemplate();
            String uri = "archfx:report?device=" + ArchFxSandbox.DEMO_DEVICE + "&" + ids;
            List<List<ArchFxDataPoint>> reports = new ArrayList<>();
            Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
            for (int r = 0; r < REPORTS; r++) {
                List<ArchFxDataPoint> points = new ArrayList<>(PER_REPORT);
                for (int i = 0; i < PER_REPORT; i++) {
                    points.add(ArchFxDataPoint.of(t0.plusSeconds((long) r * PER_REPORT + i), ArchFxVariableId.of(0x5051),
                            i));
                }
                reports.add(points);
            }
            long start = System.nanoTime();
            for (List<ArchFxDataPoint> points : reports) {
                template.sendBody(uri, points);
            }
            return (double) REPORTS * PER_REPORT / ((System.nanoTime() - start) / 1e9);
        }
    }
}
