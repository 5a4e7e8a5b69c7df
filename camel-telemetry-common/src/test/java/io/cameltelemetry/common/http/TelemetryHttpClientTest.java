package io.cameltelemetry.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cameltelemetry.common.RetryPolicy;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request executor against WireMock and small misbehaving servers on 127.0.0.1. */
class TelemetryHttpClientTest {

    static WireMockServer wm;
    static WireMockServer elsewhere;
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    CloseableHttpClient http;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        elsewhere = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
        elsewhere.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
        elsewhere.resetAll();
        http = HttpClientFactory.create(options(1), null, "camel-test", false);
    }

    @AfterEach
    void close() throws IOException {
        http.close();
    }

    static TestOptions options(int maxConnections) {
        TestOptions o = new TestOptions();
        o.setMaxConnections(maxConnections);
        return o;
    }

    static final class TestOptions extends TelemetryHttpConfiguration {
        long connectTimeout = 1000;
        long requestTimeout = 3000;

        @Override
        public long getConnectTimeout() {
            return connectTimeout;
        }

        @Override
        public long getRequestTimeout() {
            return requestTimeout;
        }

        @Override
        public String getBaseUrl() {
            return "http://127.0.0.1";
        }
    }

    TelemetryHttpClientBuilder client(RetryPolicy retry) {
        return TelemetryHttpClient.builder("TEST", http, e -> new HttpOperationFailedException(e.uri(), e.status(), e.reason(),
                e.location(), e.headers(), e.body())).retry(retry).sleeper(sleeps::add);
    }

    String url(String path) {
        return wm.baseUrl().replace("localhost", "127.0.0.1") + path;
    }

    @Test
    void aRetryAfterTooLargeForALongFailsAtOnceTypedNeverAnOverflow() {
        wm.stubFor(get("/r").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "9223372036854775807")));

        RequestDeadlineException withDeadline = assertThrows(RequestDeadlineException.class,
                () -> client(new RetryPolicy(2, 10, 700)).deadline(60_000).build().execute(HttpRequestSpec.get(url("/r"))));
        assertTrue(withDeadline.getMessage().contains("after HTTP 503, the server asked to wait 9223372036854775807 ms "
                + "before the retry, more than the "),
                withDeadline.getMessage());
        RequestDeadlineException withoutDeadline = assertThrows(RequestDeadlineException.class,
                () -> client(new RetryPolicy(2, 10, 700)).deadline(0).build().execute(HttpRequestSpec.get(url("/r"))));
        assertTrue(withoutDeadline.getMessage().endsWith("the server asked to wait 9223372036854775807 ms before the "
                + "retry, more than retryMaxServerWait (300000 ms)"),
                withoutDeadline.getMessage());

        assertEquals(List.of(), sleeps);
        wm.verify(2, getRequestedFor(urlEqualTo("/r")));
    }

    @Test
    void aRetryAfterIsHonouredInFullWhateverRetryMaxDelay() throws Exception {
        wm.stubFor(post("/r").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        wm.stubFor(post("/r").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(204)));
        List<String> wire = new CopyOnWriteArrayList<>();
        TelemetryHttpClient client = client(new RetryPolicy(3, 10, 400)).deadline(60_000).sleeper(ms -> {
            wire.add("sleep " + ms);
            sleeps.add(ms);
        }).authenticator((request, context, c) -> wire.add("send")).build();

        assertEquals(204, client.execute(HttpRequestSpec.post(url("/r")).body(new byte[]{ '1' },
                ContentType.TEXT_PLAIN)));

        assertEquals(List.of("send", "sleep 2000", "send"), wire, "the second request only after the full 2 s");
        wm.verify(2, postRequestedFor(urlEqualTo("/r")));
    }

    @Test
    void aRateLimitResetIsWaitedOutInFull() throws Exception {
        long reset = System.currentTimeMillis() / 1000 + 4;
        wm.stubFor(get("/r").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", String.valueOf(reset)))
                .willSetStateTo("ok"));
        wm.stubFor(get("/r").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));

        assertEquals(200, client(new RetryPolicy(3, 10, 400)).deadline(60_000).build().execute(HttpRequestSpec.get(url(
                "/r"))));

        assertEquals(1, sleeps.size());
        assertTrue(sleeps.get(0) > 2000 && sleeps.get(0) <= 4000, "until the reset: " + sleeps);
    }

    @Test
    void aPacersWaitIsHonouredInFullAndBoundedByTheDeadline() throws Exception {
        wm.stubFor(get("/p").willReturn(aResponse().withStatus(200)));
        long[] turns = { 0, 2500, 90_000 };
        int[] next = { 0 };
        TelemetryHttpClient client = client(RetryPolicy.NONE).deadline(60_000).pacer(() -> turns[next[0]++]).build();

        client.execute(HttpRequestSpec.get(url("/p")));
        client.execute(HttpRequestSpec.get(url("/p")));
        RequestDeadlineException e = assertThrows(RequestDeadlineException.class,
                () -> client.execute(HttpRequestSpec.get(url("/p"))));

        assertEquals(List.of(2500L), sleeps);
        assertTrue(e.getMessage().contains("the pacing of TEST requests asks for a wait of 90000 ms, more than the"),
                e.getMessage());
        wm.verify(2, getRequestedFor(urlEqualTo("/p")));
    }

    @Test
    void secretValuesAreMaskedInTheErrorBodyHeadersAndReason() {
        String key = "s3cr3t-K3y/with+chars";
        wm.stubFor(get("/echo").willReturn(aResponse().withStatus(400).withHeader("X-Echo", "key=" + key)
                .withBody("{\"headers\":{\"X-Key\":\"" + key.replace("/", "\\/") + "\"},\"query\":\"k="
                        + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8) + "\",\"raw\":\"" + key + "\"}")));

        HttpOperationFailedException e = assertThrows(HttpOperationFailedException.class,
                () -> client(RetryPolicy.NONE).secrets(List.of(key)).build().execute(HttpRequestSpec.get(url("/echo"))));

        String everything = e.getMessage() + e.getResponseBody() + e.getResponseHeaders() + e.getStatusText();
        assertFalse(everything.contains(key), everything);
        assertFalse(everything.contains(URLEncoder.encode(key, StandardCharsets.UTF_8)), everything);
        assertFalse(everything.contains(key.replace("/", "\\/")), everything);
        assertEquals("{\"headers\":{\"X-Key\":\"******\"},\"query\":\"k=******\",\"raw\":\"******\"}",
                e.getResponseBody());
        assertEquals("key=******", e.getResponseHeaders().get("X-Echo"));
    }

    @Test
    void aBodyTrickledPastTheDeadlineEndsWithTheDeadlineError() {
        wm.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withBody("x".repeat(100))
                .withChunkedDribbleDelay(50, 10_000)));
        long start = System.nanoTime();

        RequestDeadlineException e = assertThrows(RequestDeadlineException.class,
                () -> client(RetryPolicy.NONE).deadline(600).build().execute(HttpRequestSpec.get(url("/slow")),
                        r -> EntityUtils.toString(r.getEntity())));

        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 5000, "ended after " + tookMs + " ms");
        assertTrue(e.getMessage().contains("GET " + url("/slow") + " did not complete within the requestDeadline of 600 ms"),
                e.getMessage());
    }

    @Test
    void retriesThatWouldPassTheDeadlineEndItAtOnce() {
        wm.stubFor(get("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "60")));

        RequestDeadlineException e = assertThrows(RequestDeadlineException.class,
                () -> client(new RetryPolicy(5, 10, 120_000)).deadline(2000).build()
                        .execute(HttpRequestSpec.get(url("/busy"))));

        assertTrue(e.getMessage().contains("after HTTP 503, the server asked to wait 60000 ms before the retry, more than "
                + "the "),
                e.getMessage());
        assertEquals(List.of(), sleeps);
        wm.verify(1, getRequestedFor(urlEqualTo("/busy")));
    }

    @Test
    void anEndlessErrorBodyIsCutAtTheCapAndTheStatusReachesTheCaller() throws Exception {
        try (EndlessServer server = new EndlessServer("HTTP/1.1 500 Oops")) {
            long start = System.nanoTime();
            HttpOperationFailedException e = assertThrows(HttpOperationFailedException.class,
                    () -> client(RetryPolicy.NONE).build().execute(HttpRequestSpec.get(server.url())));
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals(500, e.getStatusCode());
            assertEquals(TelemetryHttpClient.MAX_ERROR_BODY, e.getResponseBody().length());
            assertTrue(tookMs < 5000, "took " + tookMs + " ms");
            assertTrue(server.await() < 16L * 1024 * 1024, "the client read " + server.served + " bytes");
        }
    }

    @Test
    void everyFailurePathGivesItsConnectionBack() throws Exception {
        // one pooled connection: a leak on any path makes the next lease time out after connectTimeout (1 s)
        wm.stubFor(get("/500").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        wm.stubFor(get("/404").willReturn(aResponse().withStatus(404)));
        wm.stubFor(get("/429").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9223372036854775807")));
        wm.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody("y".repeat(1024 * 1024))));
        wm.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withBody("z".repeat(50))
                .withChunkedDribbleDelay(50, 10_000)));
        wm.stubFor(get("/reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200).withBody("ok")));
        TelemetryHttpClient client = client(new RetryPolicy(1, 1, 5)).deadline(400).build();

        for (int round = 0; round < 3; round++) {
            assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.get(url("/500"))));
            assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.get(url("/404"))));
            assertThrows(RequestDeadlineException.class, () -> client.execute(HttpRequestSpec.get(url("/429"))));
            assertThrows(IOException.class, () -> client.execute(HttpRequestSpec.get(url("/reset"))));
            assertThrows(RequestDeadlineException.class, () -> client.execute(HttpRequestSpec.get(url("/slow")),
                    r -> EntityUtils.toString(r.getEntity())));
            assertThrows(IllegalStateException.class, () -> client.execute(HttpRequestSpec.get(url("/ok")), r -> {
                throw new IllegalStateException("the reader failed");
            }));
            assertEquals(200, client.execute(HttpRequestSpec.get(url("/big")))); // body left unread
            try (OpenResponse open = client.open(HttpRequestSpec.get(url("/big")))) {
                assertEquals('y', open.body().read()); // closed early
            }
        }
        assertEquals("ok", client.execute(HttpRequestSpec.get(url("/ok")), r -> EntityUtils.toString(r.getEntity())));
    }

    @Test
    void aRedirectIsAnErrorAndNeverCarriesCredentialsElsewhere() {
        wm.stubFor(get("/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", elsewhere.baseUrl() + "/steal").withHeader("Set-Cookie", "s=1")));
        HttpOperationFailedException e = assertThrows(HttpOperationFailedException.class,
                () -> client(new RetryPolicy(3, 1, 5)).authenticator(new BasicAuthenticator("user", "pw",
                        StandardCharsets.ISO_8859_1)).build().execute(HttpRequestSpec.get(url("/moved"))));

        assertEquals(302, e.getStatusCode());
        assertEquals(elsewhere.baseUrl() + "/steal", e.getRedirectLocation());
        assertNull(e.getResponseHeaders().get("Set-Cookie"), "cookies are not kept in the exception");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
        wm.verify(1, getRequestedFor(urlEqualTo("/moved")));
    }

    @Test
    void a401RenewsTheCredentialsOnceAndRepeatsTheRequestOnce() throws Exception {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)));
        AtomicLong renewals = new AtomicLong();
        HttpAuthenticator auth = new HttpAuthenticator() {
            @Override
            public void authenticate(HttpUriRequestBase request,
                    HttpClientContext context, TelemetryHttpClient c) {
                request.setHeader("Authorization", "Token t" + renewals.get());
            }

            @Override
            public boolean renew(ErrorResponse refused, TelemetryHttpClient c) {
                renewals.incrementAndGet();
                return true;
            }
        };

        HttpOperationFailedException e = assertThrows(HttpOperationFailedException.class,
                () -> client(new RetryPolicy(3, 1, 5)).authenticator(auth).build().execute(HttpRequestSpec.get(url("/x"))));

        assertEquals(401, e.getStatusCode());
        assertEquals(1, renewals.get());
        assertEquals(List.of("Token t0", "Token t1"), wm.findAll(getRequestedFor(urlEqualTo("/x"))).stream()
                .map(r -> r.getHeader("Authorization")).toList());
    }

    @Test
    void aPostIsRetriedOnlyWhereTheServerCannotHaveAppliedIt() throws Exception {
        wm.stubFor(post("/p").willReturn(aResponse().withStatus(503)));
        TelemetryHttpClient client = client(new RetryPolicy(3, 1, 5)).build();

        assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.post(url("/p"))));
        wm.verify(1, postRequestedFor(urlEqualTo("/p")));

        assertThrows(HttpOperationFailedException.class,
                () -> client.execute(HttpRequestSpec.post(url("/p")).idempotent(true)));
        wm.verify(1 + 4, postRequestedFor(urlEqualTo("/p")));

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        sleeps.clear();
        assertThrows(ConnectException.class,
                () -> client.execute(HttpRequestSpec.post("http://127.0.0.1:" + closedPort + "/p")));
        assertEquals(3, sleeps.size(), "a refused connection never reached the server: retried");
    }

    @Test
    void theUserAgentNamesTheComponentAndVersion() throws Exception {
        wm.stubFor(get("/ua").willReturn(aResponse().withStatus(204)));
        client(RetryPolicy.NONE).build().execute(HttpRequestSpec.get(url("/ua")));
        String ua = wm.findAll(getRequestedFor(urlEqualTo("/ua"))).get(0).getHeader("User-Agent");
        assertTrue(ua.matches("camel-test/\\d+\\.\\d+\\.\\d+.*"), ua);
        assertFalse(ua.contains("Apache-HttpClient"), ua);
    }

    @Test
    void theHealthStateFollowsTheLastRequest() throws Exception {
        wm.stubFor(get("/500").willReturn(aResponse().withStatus(500)));
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200)));
        TelemetryHttpClient client = client(RetryPolicy.NONE).build();
        assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.get(url("/500"))));
        assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.get(url("/500"))));
        assertEquals(2, client.health().consecutiveFailures());
        client.execute(HttpRequestSpec.get(url("/ok")));
        assertEquals(0, client.health().consecutiveFailures());
        wm.stubFor(get("/400").willReturn(aResponse().withStatus(400)));
        assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.get(url("/500"))));
        assertThrows(HttpOperationFailedException.class, () -> client.execute(HttpRequestSpec.get(url("/400"))));
        assertEquals(0, client.health().consecutiveFailures(), "a refused request says nothing about the platform's health");
    }

    /** Answers one request with a status line and then a chunked body that never ends (bounded: 20 s or 1 GiB). */
    static final class EndlessServer implements AutoCloseable {
        final ServerSocket socket;
        final Thread thread;
        volatile long served;

        EndlessServer(String statusLine) throws IOException {
            socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(statusLine), "endless-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/endless";
        }

        private void serve(String statusLine) {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                in.read(buf); // the request; small enough for one read
                OutputStream out = s.getOutputStream();
                out.write((statusLine + "\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ("2000\r\n" + "e".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                long end = System.nanoTime() + 20_000_000_000L;
                while (System.nanoTime() < end && served < (1L << 30)) {
                    out.write(chunk);
                    served += 0x2000;
                }
            } catch (IOException closedByClient) {
                // the client dropped the connection: what we want
            }
        }

        /** Waits until the client dropped the connection; returns the bytes served. */
        long await() throws InterruptedException {
            thread.join(25_000);
            return served;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
