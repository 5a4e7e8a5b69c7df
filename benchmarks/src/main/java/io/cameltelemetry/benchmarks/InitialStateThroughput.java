package io.cameltelemetry.benchmarks;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cameltelemetry.examples.sandbox.InitialStateSandbox;
import io.cameltelemetry.initialstate.InitialStateAggregationStrategy;
import io.cameltelemetry.initialstate.InitialStateComponent;
import io.cameltelemetry.initialstate.InitialStateConstants;
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
 * Initial State throughput, in one run against the Initial State sandbox with rate limiting off:
 * <ol>
 * <li>(a) the anchor, the raw limit: Apache HttpClient 5 with a connection pool posting the same events in requests of
 * 500 (the size the component sends), written with Jackson's streaming generator, one thread;</li>
 * <li>(b) one message per event through Camel's aggregator with {@link InitialStateAggregationStrategy} (completionSize
 * 5000) into the {@code initialstate} producer (requests of 500 events);</li>
 * <li>(c) a second line, for scale only: as ISStreamer sends, a buffer of 10 events, one request per flush on a new
 * connection (ISStreamer has no keep-alive), on fewer events (it is two orders of magnitude slower).</li>
 * </ol>
 * (a) and (b) send the same events (default 1,000,000: key {@code sensor-<i mod 10>}, a double value, an epoch with
 * microseconds), each timed until the sandbox has counted all of them; rounds are paired, alternating which side goes
 * first, and the ratio is the median of the per-round ratios. Target: (b) >= 80 % of (a).
 */
public final class InitialStateThroughput {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int REQUEST_EVENTS = 500;

    private InitialStateThroughput() {
    }

    static int run(String[] args) throws Exception {
        int events = 1_000_000;
        int isStreamerEvents = 50_000;
        int rounds = 7;
        int warmup = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--isstreamer-events" -> isStreamerEvents = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (InitialStateSandbox sandbox = new InitialStateSandbox().start(0);
                CloseableHttpClient http = HttpClients.custom()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build()).build();
                CamelContext context = camel(sandbox)) {
            ProducerTemplate template = context.createProducerTemplate();
            Endpoint in = context.getEndpoint("direct:events");
            int n = events;
            int m = isStreamerEvents;
            double[] raw = new double[rounds];
            double[] camel = new double[rounds];
            double[] ratios = new double[rounds];
            double[] isStreamer = new double[rounds];
            long heapA = 0;
            long heapB = 0;
            for (int r = -warmup; r < rounds; r++) {
                long[] peak = new long[1];
                double a;
                double b;
                Round rawRound = () -> rawPosts(http, sandbox, n);
                Round camelRound = () -> {
                    for (int i = 0; i < n; i++) {
                        template.sendBodyAndHeader(in, value(i), InitialStateConstants.KEY, key(i));
                    }
                };
                if ((r & 1) == 0) {
                    a = measure(sandbox, n, peak, rawRound);
                    heapA = Math.max(heapA, peak[0]);
                    b = measure(sandbox, n, peak, camelRound);
                    heapB = Math.max(heapB, peak[0]);
                } else {
                    b = measure(sandbox, n, peak, camelRound);
                    heapB = Math.max(heapB, peak[0]);
                    a = measure(sandbox, n, peak, rawRound);
                    heapA = Math.max(heapA, peak[0]);
                }
                double c = measure(sandbox, m, peak, () -> isStreamerStyle(http, sandbox, m));
                System.out.printf(Locale.ROOT, "%s round %2d: (a) raw 500-event posts %,10.0f events/s  (b) aggregator + "
                        + "initialstate %,10.0f events/s  ratio %5.1f %%  (c) ISStreamer-style %,9.0f events/s%n",
                        r < 0 ? "warm-up " : "measured", r < 0 ? r + warmup + 1 : r + 1, a, b, b / a * 100, c);
                if (r >= 0) {
                    raw[r] = a;
                    camel[r] = b;
                    ratios[r] = b / a;
                    isStreamer[r] = c;
                }
            }
            double ratio = PairedRounds.median(ratios);
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%nInitial State throughput, %,d events per round, median of %d paired rounds:%n",
                    n, rounds);
            System.out.printf(Locale.ROOT, "  (a) raw HttpClient 5, pooled, 500 events a request : %,10.0f events/s, peak heap "
                    + "%d MB%n", PairedRounds.median(raw), heapA >> 20);
            System.out.printf(Locale.ROOT,
                    "  (b) aggregator + initialstate producer (500/request) : %,10.0f events/s, peak heap "
                            + "%d MB%n",
                    PairedRounds.median(camel), heapB >> 20);
            System.out.printf(Locale.ROOT,
                    "  ratio (b)/(a), median of paired rounds              : %9.1f %%  (min %.1f %%, max %.1f %%; target >= 80 %%: %s)%n",
                    ratio * 100, sorted[0] * 100, sorted[rounds - 1] * 100, ratio >= 0.8 ? "met" : "NOT met");
            System.out.printf(Locale.ROOT,
                    "  (c) ISStreamer-style, buffer of 10, new connection each (%,d events): %,10.0f events/s; (b) is %.1fx%n",
                    m, PairedRounds.median(isStreamer), PairedRounds.median(camel) / PairedRounds.median(isStreamer));
            System.out.printf(Locale.ROOT, "initialstate target=80%% met=%s ratio=%.1f min=%.1f max=%.1f%n",
                    ratio >= 0.8 ? "yes" : "no", ratio * 100, sorted[0] * 100, sorted[rounds - 1] * 100);
            return 0;
        }
    }

    /** The same events as (b), in requests of 500 on pooled connections: what HttpClient 5 can do. */
    private static void rawPosts(CloseableHttpClient http, InitialStateSandbox sandbox, int n) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        for (int from = 0; from < n; from += REQUEST_EVENTS) {
            post(http, sandbox, body, from, Math.min(n, from + REQUEST_EVENTS), false);
        }
    }

    private static String key(int i) {
        return "sensor-" + (i % 10);
    }

    private static double value(int i) {
        return Math.round(Math.sin(i * 0.001) * 10000) / 100.0;
    }

    private static CamelContext camel(InitialStateSandbox sandbox) throws Exception {
        CamelContext context = new DefaultCamelContext();
        InitialStateComponent component = context.getComponent("initialstate", InitialStateComponent.class);
        component.getConfiguration().setBaseUrl(sandbox.baseUrl());
        component.getConfiguration().setAccessKey(InitialStateSandbox.DEFAULT_ACCESS_KEY);
        component.getConfiguration().setMaxRequestsPerSecond(0);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:events").aggregate(constant(true), new InitialStateAggregationStrategy()).completionSize(5000)
                        .to("initialstate:bench");
            }
        });
        context.start();
        return context;
    }

    /** Posts the events [from, to) as one request; {@code close} drops the connection after it. */
    private static void post(CloseableHttpClient http, InitialStateSandbox sandbox, ByteArrayOutputStream body, int from,
            int to, boolean close) throws Exception {
        body.reset();
        try (JsonGenerator gen = JSON.createGenerator(body)) {
            gen.writeStartArray();
            for (int i = from; i < to; i++) {
                gen.writeStartObject();
                gen.writeStringField("key", key(i));
                gen.writeNumberField("value", value(i));
                gen.writeNumberField("epoch", System.currentTimeMillis() / 1000.0);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        HttpPost post = new HttpPost(sandbox.baseUrl() + "/api/events");
        post.setHeader("X-IS-AccessKey", InitialStateSandbox.DEFAULT_ACCESS_KEY);
        post.setHeader("X-IS-BucketKey", "bench");
        post.setHeader("Accept-Version", "<=0.0.4");
        if (close) {
            post.setHeader("Connection", "close");
        }
        post.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.APPLICATION_JSON));
        int status = http.execute(post, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
        if (status != 204) {
            throw new IllegalStateException("sandbox answered " + status);
        }
    }

    /** As ISStreamer's log(): every 10 events one POST of those 10, sent before the next is queued. */
    private static void isStreamerStyle(CloseableHttpClient http, InitialStateSandbox sandbox, int n) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        for (int from = 0; from < n; from += 10) {
            post(http, sandbox, body, from, Math.min(n, from + 10), true); // ISStreamer: a new connection each
        }
    }

    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    private static double measure(InitialStateSandbox sandbox, long expected, long[] peakHeap, Round round) throws Exception {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long before = sandbox.eventCount();
        long start = System.nanoTime();
        round.run();
        long deadline = start + 600_000_000_000L;
        while (sandbox.eventCount() - before < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox counted only " + (sandbox.eventCount() - before) + " events");
            }
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        peakHeap[0] = peak;
        return expected / seconds;
    }
}
