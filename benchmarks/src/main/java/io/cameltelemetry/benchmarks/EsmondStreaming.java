package io.cameltelemetry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondHistogram;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * esmond histogram reading, in one run; run it with {@code -Xmx64m}:
 * <ol>
 * <li>(a) the raw limit: Apache HttpClient 5 GETs of the pages ({@code limit=1000&offset=N} at a fixed window, until a
 * short page) and a Jackson streaming parse of each point into its ts and a {@code Map<String, Long>} of bucket counts
 * (what a user needs of a histogram), nothing kept;</li>
 * <li>(b) {@code esmond:data?eventType=histogram-owdelay&metadataKey=...} (streaming) through
 * {@code split(body()).streaming()} into a processor that sums the counts.</li>
 * <li>(c) the fast path the docs offer: the same {@code esmond:data} iterator drained in one processor that sums the
 * counts, no exchange per point: what the component costs, without Camel's splitter.</li>
 * <li>(d) Camel's own cost: {@code split(body()).streaming()} of a plain in-memory {@code List} of 1,000,000 points
 * (the same histograms, parsed once before the rounds) into the same processor: no I/O and no parsing, only an
 * exchange per point.</li>
 * </ol>
 * All four sides do the same work per point: take the ts and sum the histogram's counts.
 * 1,000,000 points: the 960 one-way delay histograms of the esmond test data, over and over, a minute apart, in 1000
 * pages of 1000, written once to temporary files and served from disk by a minimal server, so both sides read
 * identical bytes and the server costs next to nothing. Rounds are paired and alternate which side goes first; the
 * ratio is the median of the per-round ratios. Peak heap is the highest sum of the heap pools' peak usage during a
 * phase.
 */
public final class EsmondStreaming {

    private static final String KEY = "0CB19291FB6D40EAA1955376772BF5D2";
    private static final String ARCHIVE = "/esmond/perfsonar/archive/";
    private static final long START = 1391558400;
    private static final int PAGE = 1000;
    private static final long EXPECTED = 1_000_000;
    private static final long END = START + EXPECTED * 60;
    private static final JsonFactory JSON = new JsonFactory();

    private EsmondStreaming() {
    }

    static int run(String[] args) throws Exception {
        int rounds = 7;
        int warmup = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("esmond-pages");
        HttpServer server = null;
        try {
            long bytes = generate(dir);
            System.out.printf(Locale.ROOT, "responses: %,d pages, %,d bytes, %,d histogram points; max heap %,d MB%n",
                    EXPECTED / PAGE, bytes, EXPECTED, Runtime.getRuntime().maxMemory() / (1024 * 1024));
            server = serve(dir);
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            double[] raw = new double[rounds];
            double[] camel = new double[rounds];
            double[] ratios = new double[rounds];
            double[] drained = new double[rounds];
            double[] memory = new double[rounds];
            long peakRaw = 0;
            long peakCamel = 0;
            try (CloseableHttpClient http = HttpClients.createDefault(); CamelContext context = new DefaultCamelContext()) {
                AtomicLong count = new AtomicLong();
                long[] packets = { 0 };
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:histograms").to("esmond:data?baseUrl=" + url + "&eventType=histogram-owdelay&metadataKey="
                                + KEY + "&startTime=" + START + "&endTime=" + END)
                                .split(body()).streaming().process(e -> {
                                    @SuppressWarnings("unchecked")
                                    Map<String, Long> buckets = (Map<String, Long>) e.getIn()
                                            .getBody(EsmondDataPoint.class).value();
                                    for (long c : buckets.values()) {
                                        packets[0] += c;
                                    }
                                    count.incrementAndGet();
                                });
                    }
                });
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:drain").to("esmond:data?baseUrl=" + url + "&eventType=histogram-owdelay&metadataKey="
                                + KEY + "&startTime=" + START + "&endTime=" + END).process(e -> {
                                    @SuppressWarnings("unchecked")
                                    Iterator<EsmondDataPoint> it = e.getIn().getBody(Iterator.class);
                                    long n = 0;
                                    long sum = 0;
                                    while (it.hasNext()) {
                                        @SuppressWarnings("unchecked")
                                        Map<String, Long> buckets = (Map<String, Long>) it.next().value();
                                        for (long c : buckets.values()) {
                                            sum += c;
                                        }
                                        n++;
                                    }
                                    packets[0] += sum;
                                    e.getIn().setBody(n);
                                });
                        from("direct:memory").split(body()).streaming().process(e -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Long> buckets = (Map<String, Long>) e.getIn().getBody(EsmondDataPoint.class)
                                    .value();
                            for (long c : buckets.values()) {
                                packets[0] += c;
                            }
                            count.incrementAndGet();
                        });
                    }
                });
                context.start();
                ProducerTemplate template = context.createProducerTemplate();
                List<EsmondDataPoint> inMemory = inMemoryPoints();
                String base = url + ARCHIVE + KEY + "/histogram-owdelay/base?time-start=" + START + "&time-end=" + END
                        + "&limit=" + PAGE;
                for (int r = -warmup; r < rounds; r++) {
                    long[] peaks = new long[2];
                    double a;
                    double b;
                    if ((r & 1) == 0) {
                        a = PairedRounds.phase(EXPECTED, () -> rawParse(http, base), peaks, 0);
                        b = PairedRounds.phase(EXPECTED, () -> camelRound(template, count), peaks, 1);
                    } else {
                        b = PairedRounds.phase(EXPECTED, () -> camelRound(template, count), peaks, 1);
                        a = PairedRounds.phase(EXPECTED, () -> rawParse(http, base), peaks, 0);
                    }
                    double c = PairedRounds.phase(EXPECTED, () -> drainRound(template), new long[2], 0);
                    double d = PairedRounds.phase(EXPECTED, () -> memoryRound(template, count, inMemory), new long[2], 0);
                    System.out.printf(Locale.ROOT, "%s round %2d: (a) raw %,10.0f points/s  (b) esmond %,10.0f points/s  "
                            + "ratio %5.1f %%  peak heap (a) %d MB (b) %d MB  (c) iterator %,10.0f  (d) in-memory split "
                            + "%,10.0f points/s%n",
                            r < 0 ? "warm-up " : "measured", r < 0 ? r + warmup + 1 : r + 1, a, b, b / a * 100,
                            peaks[0] >> 20, peaks[1] >> 20, c, d);
                    if (r >= 0) {
                        memory[r] = d;
                        drained[r] = c / a;
                        raw[r] = a;
                        camel[r] = b;
                        ratios[r] = b / a;
                        peakRaw = Math.max(peakRaw, peaks[0]);
                        peakCamel = Math.max(peakCamel, peaks[1]);
                    }
                }
            }
            double ratio = PairedRounds.median(ratios);
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%nesmond histograms, %,d points in %,d pages per round, median of %d rounds, "
                    + "-Xmx%d MB:%n", EXPECTED, EXPECTED / PAGE, rounds, Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.out.printf(Locale.ROOT,
                    "  (a) raw HttpClient 5 + Jackson streaming parse : %,12.0f points/s, peak heap %d MB%n",
                    PairedRounds.median(raw), peakRaw >> 20);
            System.out.printf(Locale.ROOT,
                    "  (b) esmond:data + split().streaming()          : %,12.0f points/s, peak heap %d MB%n",
                    PairedRounds.median(camel), peakCamel >> 20);
            System.out.printf(Locale.ROOT,
                    "  ratio (b)/(a), median of paired rounds          : %11.1f %%  (min %.1f %%, max %.1f %%; target >= 80 %%: %s)%n",
                    ratio * 100, sorted[0] * 100, sorted[rounds - 1] * 100, ratio >= 0.8 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT,
                    "  (c) the esmond:data iterator drained in one processor (no exchange per point): %.1f %% of (a)%n",
                    PairedRounds.median(drained) * 100);
            double usA = 1e6 / PairedRounds.median(raw);
            double usB = 1e6 / PairedRounds.median(camel);
            double usD = 1e6 / PairedRounds.median(memory);
            System.out.printf(Locale.ROOT,
                    "  (d) split().streaming() of an in-memory List of %,d points, same processor: %,12.0f points/s%n",
                    EXPECTED, PairedRounds.median(memory));
            System.out.printf(Locale.ROOT,
                    "  per point: (a) %.3f us, (b) %.3f us, of which Camel's exchange per point (d) %.3f us; (b) could "
                            + "reach at most %.1f %% of (a) with a parse that cost nothing%n",
                    usA, usB, usD, usA / usD * 100);
            System.out.printf(Locale.ROOT, "esmond target=80%% met=%s ratio=%.1f min=%.1f max=%.1f%n",
                    ratio >= 0.8 ? "yes" : "no", ratio * 100, sorted[0] * 100, sorted[rounds - 1] * 100);
            return 0;
        } finally {
            if (server != null) {
                server.stop(0);
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Writes the 1000 pages (page-N.json) and the metadata; returns the bytes of the pages. */
    private static long generate(Path dir) throws IOException {
        List<String> values = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = EsmondStreaming.class.getResourceAsStream(
                "/sandbox/esmond/data_histogram-owdelay.json")) {
            for (JsonNode p : mapper.readTree(in).get("body")) {
                values.add(p.get("val").toString());
            }
        }
        long bytes = 0;
        for (int page = 0; page < EXPECTED / PAGE; page++) {
            Path file = dir.resolve("page-" + page + ".json");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write('[');
                for (int i = 0; i < PAGE; i++) {
                    long n = (long) page * PAGE + i;
                    w.write(i == 0 ? "" : ", ");
                    w.write("{\"ts\": " + (START + n * 60) + ", \"val\": " + values.get((int) (n % values.size())) + "}");
                }
                w.write(']');
            }
            bytes += Files.size(file);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("metadata-key", KEY);
        metadata.put("subject-type", "point-to-point");
        metadata.put("source", "198.51.100.10");
        metadata.put("destination", "203.0.113.20");
        metadata.put("event-types", List.of(Map.of("event-type", "histogram-owdelay", "base-uri",
                ARCHIVE + KEY + "/histogram-owdelay/base", "summaries", List.of())));
        Files.write(dir.resolve("metadata.json"), mapper.writeValueAsBytes(metadata));
        return bytes;
    }

    /** Serves the metadata and the pages by offset from disk; an offset past the end is an empty page. */
    private static HttpServer serve(Path dir) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "esmond-file-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String query = exchange.getRequestURI().getRawQuery();
                Path file;
                if (path.equals(ARCHIVE + KEY + "/")) {
                    file = dir.resolve("metadata.json");
                } else {
                    long offset = 0;
                    for (String p : query == null ? new String[0] : query.split("&")) {
                        if (p.startsWith("offset=")) {
                            offset = Long.parseLong(p.substring(7));
                        }
                    }
                    file = dir.resolve("page-" + offset / PAGE + ".json");
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (!Files.exists(file)) {
                    exchange.sendResponseHeaders(200, 2);
                    exchange.getResponseBody().write("[]".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        });
        server.start();
        return server;
    }

    private static void rawParse(CloseableHttpClient http, String base) throws Exception {
        long total = 0;
        long packets = 0;
        for (long offset = 0;; offset += PAGE) {
            long[] page = http.execute(new HttpGet(base + (offset == 0 ? "" : "&offset=" + offset)), response -> {
                long n = 0;
                long sum = 0;
                try (InputStream in = response.getEntity().getContent(); JsonParser p = JSON.createParser(in)) {
                    p.nextToken(); // [
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long ts = -1;
                        Map<String, Long> buckets = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("ts")) {
                                ts = p.getLongValue();
                            } else if (field.equals("val")) {
                                buckets = new LinkedHashMap<>();
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String bucket = p.currentName();
                                    p.nextToken();
                                    buckets.put(bucket, p.getLongValue());
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (ts >= 0 && buckets != null) {
                            for (long c : buckets.values()) {
                                sum += c;
                            }
                            n++;
                        }
                    }
                }
                return new long[]{ n, sum };
            });
            total += page[0];
            packets += page[1];
            if (page[0] < PAGE) {
                break;
            }
        }
        if (total != EXPECTED || packets < 0) {
            throw new IllegalStateException("raw parse read " + total + " points");
        }
    }

    /** 1,000,000 points of the 960 histograms (parsed once, shared), a minute apart: a plain List. */
    private static List<EsmondDataPoint> inMemoryPoints() throws IOException {
        List<Map<String, Long>> values = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = EsmondStreaming.class.getResourceAsStream("/sandbox/esmond/data_histogram-owdelay.json")) {
            for (JsonNode p : mapper.readTree(in).get("body")) {
                Map<String, Long> buckets = new LinkedHashMap<>();
                p.get("val").fields().forEachRemaining(f -> buckets.put(f.getKey(), f.getValue().asLong()));
                values.add(EsmondHistogram.of(buckets));
            }
        }
        List<EsmondDataPoint> points = new ArrayList<>((int) EXPECTED);
        EsmondDataPoint[] distinct = new EsmondDataPoint[values.size()];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = EsmondDataPoint.of(START + i * 60L, values.get(i));
        }
        for (int n = 0; n < EXPECTED; n++) {
            points.add(distinct[n % distinct.length]);
        }
        return points;
    }

    private static void memoryRound(ProducerTemplate template, AtomicLong count, List<EsmondDataPoint> points) {
        count.set(0);
        template.sendBody("direct:memory", points);
        if (count.get() != EXPECTED) {
            throw new IllegalStateException("the in-memory split routed " + count.get() + " points");
        }
    }

    private static void drainRound(ProducerTemplate template) {
        long n = template.requestBody("direct:drain", null, Long.class);
        if (n != EXPECTED) {
            throw new IllegalStateException("the iterator gave " + n + " points");
        }
    }

    private static void camelRound(ProducerTemplate template, AtomicLong count) {
        count.set(0);
        template.sendBody("direct:histograms", null);
        if (count.get() != EXPECTED) {
            throw new IllegalStateException("the route read " + count.get() + " points");
        }
    }
}
