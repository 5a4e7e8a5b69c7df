package io.cameltelemetry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpServer;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.examples.sandbox.DcsSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * DCS readings streaming, in one run, run it with {@code -Xmx64m}:
 * <ol>
 * <li>(a) the raw limit: Apache HttpClient 5 GET and a Jackson streaming parse of the response that takes each
 * reading's timestamp (as an Instant) and value (as a double), nothing kept;</li>
 * <li>(b) {@code dcs:readings} (one request, streaming=true) through {@code split(body()).streaming()} into a
 * processor that sums the values.</li>
 * </ol>
 * The response is 100 years of 365 days of half-hourly readings of one virtual meter (1,752,000), produced once by the DCS
 * sandbox into a temporary file and served from disk by a minimal server, so both sides read identical bytes and the
 * server costs next to nothing. Rounds are paired and alternate which side goes first; the ratio is the median of the
 * per-round ratios. Peak heap is the highest sum of the heap pools' peak usage seen during a phase.
 */
public final class DcsStreaming {

    private static final String START = "1926-01-01T00:00:00Z";
    // 36,500 days: 100 years of 365 days, 1,752,000 half hours
    private static final String END = "2025-12-07T00:00:00Z";
    private static final long EXPECTED = 1_752_000;
    private static final JsonFactory JSON = new JsonFactory();

    private DcsStreaming() {
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
        Path body = Files.createTempFile("dcs-100-years", ".json");
        HttpServer server = null;
        try {
            generate(body);
            System.out.printf(Locale.ROOT, "response: %,d bytes, %,d readings; max heap %,d MB%n", Files.size(body), EXPECTED,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            server = serve(body);
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/DCSWebApi";
            double[] raw = new double[rounds];
            double[] camel = new double[rounds];
            double[] ratios = new double[rounds];
            long peakRaw = 0;
            long peakCamel = 0;
            try (CloseableHttpClient http = HttpClients.createDefault(); CamelContext context = new DefaultCamelContext()) {
                AtomicLong count = new AtomicLong();
                double[] sum = { 0 };
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:year").to("dcs:readings?baseUrl=" + base + "&id=9&isVirtual=true&startTime=" + START
                                + "&endTime=" + END + "&maxWindow=36600d")
                                .split(body()).streaming().process(e -> {
                                    sum[0] += e.getIn().getBody(DcsReading.class).value();
                                    count.incrementAndGet();
                                });
                    }
                });
                context.start();
                ProducerTemplate template = context.createProducerTemplate();
                String url = base + "/public/readings?id=VM9";
                for (int r = -warmup; r < rounds; r++) {
                    long[] peaks = new long[2];
                    double a;
                    double b;
                    if ((r & 1) == 0) {
                        a = PairedRounds.phase(EXPECTED, () -> rawParse(http, url), peaks, 0);
                        b = PairedRounds.phase(EXPECTED, () -> camelRound(template, count), peaks, 1);
                    } else {
                        b = PairedRounds.phase(EXPECTED, () -> camelRound(template, count), peaks, 1);
                        a = PairedRounds.phase(EXPECTED, () -> rawParse(http, url), peaks, 0);
                    }
                    System.out.printf(Locale.ROOT, "%s round %2d: (a) raw %,10.0f readings/s  (b) dcs %,10.0f readings/s  "
                            + "ratio %5.1f %%  peak heap (a) %d MB (b) %d MB%n",
                            r < 0 ? "warm-up " : "measured", r < 0 ? r + warmup + 1 : r + 1, a, b, b / a * 100,
                            peaks[0] >> 20, peaks[1] >> 20);
                    if (r >= 0) {
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
            System.out.printf(Locale.ROOT, "%nDCS streaming, %,d readings per round, median of %d rounds, -Xmx%d MB:%n",
                    EXPECTED, rounds, Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.out.printf(Locale.ROOT,
                    "  (a) raw HttpClient 5 + Jackson streaming parse : %,12.0f readings/s, peak heap %d MB%n",
                    PairedRounds.median(raw), peakRaw >> 20);
            System.out.printf(Locale.ROOT,
                    "  (b) dcs:readings + split().streaming()         : %,12.0f readings/s, peak heap %d MB%n",
                    PairedRounds.median(camel), peakCamel >> 20);
            System.out.printf(Locale.ROOT,
                    "  ratio (b)/(a), median of paired rounds          : %11.1f %%  (min %.1f %%, max %.1f %%; target >= 80 %%: %s)%n",
                    ratio * 100, sorted[0] * 100, sorted[rounds - 1] * 100, ratio >= 0.8 ? "met" : "NOT met");
            return 0;
        } finally {
            if (server != null) {
                server.stop(0);
            }
            Files.deleteIfExists(body);
        }
    }

    /** The sandbox's 100-year response, saved to a file. */
    private static void generate(Path file) throws Exception {
        try (DcsSandbox sandbox = new DcsSandbox().start(0); CloseableHttpClient http = HttpClients.createDefault()) {
            HttpGet get = new HttpGet(URI.create(sandbox.publicBaseUrl() + "/public/readings?id=VM9&startTime=" + START
                    + "&endTime=" + END + "&periodType=halfHour"));
            http.execute(get, response -> {
                try (InputStream in = response.getEntity().getContent()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return null;
            });
        }
    }

    /** Serves the file for any readings request, from disk. */
    private static HttpServer serve(Path file) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dcs-file-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, Files.size(file));
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        });
        server.start();
        return server;
    }

    private static void rawParse(CloseableHttpClient http, String url) throws Exception {
        long n = http.execute(new HttpGet(url), response -> {
            long count = 0;
            double sum = 0;
            try (InputStream in = response.getEntity().getContent(); JsonParser p = JSON.createParser(in)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.FIELD_NAME && "readings".equals(p.currentName())) {
                        p.nextToken();
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            Instant ts = null;
                            double value = Double.NaN;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                p.nextToken();
                                if (field.equals("timestamp")) {
                                    ts = Instant.parse(p.getText());
                                } else if (field.equals("value")) {
                                    value = p.getDoubleValue();
                                }
                            }
                            if (ts != null) {
                                sum += value;
                                count++;
                            }
                        }
                    }
                }
            }
            return sum >= 0 ? count : -count;
        });
        if (n != EXPECTED) {
            throw new IllegalStateException("raw parse read " + n + " readings");
        }
    }

    private static void camelRound(ProducerTemplate template, AtomicLong count) {
        count.set(0);
        template.sendBody("direct:year", null);
        if (count.get() != EXPECTED) {
            throw new IllegalStateException("the route read " + count.get() + " readings");
        }
    }
}
