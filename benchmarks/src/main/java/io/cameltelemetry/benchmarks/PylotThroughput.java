package io.cameltelemetry.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cameltelemetry.examples.sandbox.PylotSandbox;
import io.cameltelemetry.pylot.PylotAggregationStrategy;
import io.cameltelemetry.pylot.PylotConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * PYLOT throughput, end to end on this machine, in one run against the same local server (the PYLOT sandbox, which
 * parses and validates every row but stores nothing):
 * <ol>
 * <li>(a450) the anchor, the raw limit at the protocol's real batch limit: Apache HttpClient 5 posting 450-row JSON
 * arrays (as many requests as the component makes) written with Jackson's streaming generator from the same
 * pre-generated data, one thread, nothing else in between;</li>
 * <li>(a) a second line: the same raw loop posting 1000-row arrays (fewer, larger requests than PYLOT's limit
 * allows);</li>
 * <li>(b) the pylot producer fed through Camel's aggregator with {@link PylotAggregationStrategy}: one message per row
 * (a Map of 10 metrics with CamelPylotNode/CamelPylotTimestamp headers, as a device or climate computer reports),
 * completionSize 4000 messages, requests of 450 rows.</li>
 * </ol>
 * Both move the same measurements (default 1,000,000: 100 nodes x 1000 seconds x 10 metrics). Each round times (a)
 * and (b) back to back, alternating which goes first, from the first byte produced until the server has counted every
 * measurement; the ratio is the median of the per-round ratios (this shared 2-core machine drifts by tens of percent
 * between rounds, so unpaired medians are not comparable). Target: (b) >= 80 % of (a450). Run with a fixed heap
 * ({@code -Xms2g -Xmx2g}).
 */
public final class PylotThroughput {

    private static final int METRICS = 10;
    private static final int NODES = 100;
    private static final String ADAPTER = "bench";
    private static final JsonFactory JSON = new JsonFactory();

    private PylotThroughput() {
    }

    record Row(String node, LocalDateTime timestamp, double[] values) {
    }

    static int run(String[] args) throws Exception {
        int measurements = 1_000_000;
        int rounds = 15;
        int warmup = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--measurements" -> measurements = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int rowCount = measurements / METRICS;
        List<Row> rows = generate(rowCount);
        List<String> metricIds = new ArrayList<>();
        for (int m = 0; m < METRICS; m++) {
            metricIds.add(String.valueOf(200 + m));
        }

        try (PylotSandbox server = new PylotSandbox().start(0)) {
            server.setStoreValues(false);
            server.setMaxRows(1000);
            double[] raw = new double[rounds];
            double[] raw450 = new double[rounds];
            double[] camel = new double[rounds];
            double[] ratios = new double[rounds];
            double[] ratios450 = new double[rounds];
            try (CloseableHttpClient http = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build()).build();
                    CamelContext context = camelContext(server)) {
                ProducerTemplate template = context.createProducerTemplate();
                // resolved once, as a route's consumer would hand exchanges to the aggregator
                Endpoint measurementsEndpoint = context.getEndpoint("direct:measurements");
                List<Map<String, Number>> bodies = new ArrayList<>(rowCount);
                List<Map<String, Object>> headers = new ArrayList<>(rowCount);
                for (Row row : rows) {
                    Map<String, Number> data = new LinkedHashMap<>();
                    for (int m = 0; m < METRICS; m++) {
                        data.put(metricIds.get(m), row.values()[m]);
                    }
                    bodies.add(data);
                    headers.add(Map.of(PylotConstants.NODE, row.node(), PylotConstants.TIMESTAMP, row.timestamp()));
                }
                long total = rowCount * (long) METRICS;
                Round rawRound = () -> rawRound(http, server, rows, metricIds, 1000);
                Round raw450Round = () -> rawRound(http, server, rows, metricIds, 450);
                Round camelRound = () -> {
                    for (int i = 0; i < bodies.size(); i++) {
                        template.sendBodyAndHeaders(measurementsEndpoint, bodies.get(i), headers.get(i));
                    }
                };
                for (int r = -warmup; r < rounds; r++) {
                    // paired rounds, rotating which goes first, so drift of this shared machine cancels out
                    double a = 0;
                    double a450 = 0;
                    double b = 0;
                    for (int k = 0; k < 3; k++) {
                        switch ((k + Math.floorMod(r, 3)) % 3) {
                            case 0 -> a = measure(server, total, rawRound);
                            case 1 -> a450 = measure(server, total, raw450Round);
                            default -> b = measure(server, total, camelRound);
                        }
                    }
                    System.out.printf(Locale.ROOT,
                            "%s round %2d: (a450) raw-450 %,10.0f /s  (a) raw-1000 %,10.0f /s  (b) pylot %,10.0f /s  "
                                    + "(b)/(a450) %5.1f %%  (b)/(a) %5.1f %%%n",
                            r < 0 ? "warm-up " : "measured", r < 0 ? r + warmup + 1 : r + 1, a450, a, b, b / a450 * 100,
                            b / a * 100);
                    if (r >= 0) {
                        raw[r] = a;
                        raw450[r] = a450;
                        camel[r] = b;
                        ratios[r] = b / a;
                        ratios450[r] = b / a450;
                    }
                }
                // the server counts a batch before the producer has read its response
                while (context.getInflightRepository().size() > 0) {
                    Thread.sleep(1);
                }
            }
            double[] sortedRatios = ratios.clone();
            Arrays.sort(sortedRatios);
            double[] sorted450 = ratios450.clone();
            Arrays.sort(sorted450);
            double ratio = median(ratios450);
            System.out.printf(Locale.ROOT, "%nPYLOT throughput, %,d measurements per round, median of %d rounds:%n",
                    rowCount * (long) METRICS, rounds);
            System.out.printf(Locale.ROOT, "  (a450) raw HttpClient 5, 450-row arrays  : %,12.0f measurements/s (the anchor)%n",
                    median(raw450));
            System.out.printf(Locale.ROOT, "  (a)    raw HttpClient 5, 1000-row arrays : %,12.0f measurements/s%n",
                    median(raw));
            System.out.printf(Locale.ROOT, "  (b)    aggregator + pylot producer       : %,12.0f measurements/s%n",
                    median(camel));
            System.out.printf(Locale.ROOT,
                    "  ratio (b)/(a450), median of paired rounds : %5.1f %%  (min %.1f %%, max %.1f %%; target >= 80 %%: %s)%n",
                    ratio * 100, sorted450[0] * 100, sorted450[rounds - 1] * 100, ratio >= 0.8 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT,
                    "  ratio (b)/(a),    median of paired rounds : %5.1f %%  (min %.1f %%, max %.1f %%)%n",
                    median(ratios) * 100, sortedRatios[0] * 100, sortedRatios[rounds - 1] * 100);
            System.out.printf(Locale.ROOT, "  server: %d requests accepted, %d rejected%n", server.acceptedRequestCount(),
                    server.rejectedRequestCount());
            System.out.printf(Locale.ROOT, "pylot target=80%% met=%s ratio=%.1f min=%.1f max=%.1f%n",
                    ratio >= 0.8 ? "yes" : "no", ratio * 100, sorted450[0] * 100, sorted450[rounds - 1] * 100);
            return server.rejectedRequestCount() == 0 ? 0 : 1;
        }
    }

    private static CamelContext camelContext(PylotSandbox server) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:measurements")
                        .aggregate(constant(true), new PylotAggregationStrategy()).completionSize(4000)
                        .to("pylot:" + ADAPTER + "?baseUrl=" + server.baseUrl() + "&username=" + PylotSandbox.DEFAULT_USERNAME
                                + "&password=RAW(" + PylotSandbox.DEFAULT_PASSWORD + ")&zoneId=UTC");
            }
        });
        context.start();
        return context;
    }

    private static List<Row> generate(int rowCount) {
        List<Row> rows = new ArrayList<>(rowCount);
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0, 0);
        for (int r = 0; r < rowCount; r++) {
            double[] values = new double[METRICS];
            for (int m = 0; m < METRICS; m++) {
                values[m] = Math.round((20 + Math.sin(r * 0.01 + m) * 5) * 100) / 100.0;
            }
            rows.add(new Row("Node " + (r % NODES), start.plusSeconds(r / NODES), values));
        }
        return rows;
    }

    private static void rawRound(CloseableHttpClient http, PylotSandbox server, List<Row> rows, List<String> metricIds,
            int rowsPerRequest)
            throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (PylotSandbox.DEFAULT_USERNAME + ":" + PylotSandbox.DEFAULT_PASSWORD).getBytes(StandardCharsets.ISO_8859_1));
        DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        for (int from = 0; from < rows.size(); from += rowsPerRequest) {
            buffer.reset();
            try (JsonGenerator gen = JSON.createGenerator(buffer)) {
                gen.writeStartArray();
                for (Row row : rows.subList(from, Math.min(rows.size(), from + rowsPerRequest))) {
                    gen.writeStartObject();
                    gen.writeStringField("adapter", ADAPTER);
                    gen.writeStringField("timestamp", format.format(row.timestamp()));
                    gen.writeStringField("node", row.node());
                    gen.writeObjectFieldStart("data");
                    for (int m = 0; m < METRICS; m++) {
                        gen.writeNumberField(metricIds.get(m), row.values()[m]);
                    }
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
            HttpPost post = new HttpPost(server.baseUrl() + "/api/measurements");
            post.setHeader("Authorization", auth);
            post.setEntity(new ByteArrayEntity(buffer.toByteArray(), ContentType.APPLICATION_JSON));
            int status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (status != 200) {
                throw new IllegalStateException("server answered " + status);
            }
        }
    }

    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /** Measurements per second from the start of {@code round} until the server has counted all of them. */
    private static double measure(PylotSandbox server, long expected, Round round) throws Exception {
        long before = server.measurementCount();
        long start = System.nanoTime();
        round.run();
        long deadline = start + 120_000_000_000L;
        while (server.measurementCount() - before < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server counted only " + (server.measurementCount() - before) + " of "
                        + expected + " measurements");
            }
            // sleep, not spin: on 2 cores a spinning waiter steals the CPU the aggregator and the server need
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return expected / seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
