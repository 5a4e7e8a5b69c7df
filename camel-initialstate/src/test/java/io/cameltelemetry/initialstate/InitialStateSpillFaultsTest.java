package io.cameltelemetry.initialstate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.initialstate.client.InitialStateClient;
import io.cameltelemetry.initialstate.client.InitialStatePacer;
import io.cameltelemetry.initialstate.client.SpillStore;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spill through its faults: a full disk in the middle of an append, no room to rewrite the file after the server
 * accepted a replayed batch, a batch the server refuses for good, a batch too large for one request, an error body that
 * echoes the access key.
 */
class InitialStateSpillFaultsTest extends InitialStateTestSupport {

    @TempDir
    Path dir;

    /** A disk that fills up on demand: writes to the spill file stop half-way, and no new file can be created. */
    final AtomicBoolean diskFull = new AtomicBoolean();
    /** Only new files fail (the rewrite's temporary file); writes in place still work. */
    final AtomicBoolean noNewFiles = new AtomicBoolean();
    CloseableHttpClient http;
    SpillStore spill;
    InitialStateClient client;

    @BeforeEach
    void createClient() throws Exception {
        http = HttpClients.custom().disableAutomaticRetries().build();
        spill = new SpillStore(dir, this::open);
        TelemetryHttpClient telemetry = TelemetryHttpClient.builder("Initial State", http, InitialStateClient::failure)
                .retry(new RetryPolicy(1, 1, 5)).secrets(List.of(ACCESS_KEY)).sleeper(sleeper)
                .authenticator((request, context, c) -> request.setHeader("X-IS-AccessKey", ACCESS_KEY)).build();
        client = new InitialStateClient(telemetry, wireMockUrl(), ACCESS_KEY, new InitialStatePacer(0), spill);
    }

    @AfterEach
    void closeClient() throws Exception {
        spill.close();
        http.close();
    }

    private FileChannel open(Path file, OpenOption... options) throws IOException {
        boolean creates = !Files.exists(file);
        if ((diskFull.get() || noNewFiles.get()) && creates) {
            throw new IOException("No space left on device");
        }
        FileChannel real = FileChannel.open(file, options);
        return diskFull.get() ? new HalfWritingChannel(real) : real;
    }

    private Path spillFile() {
        return dir.resolve(SpillStore.fileName(InitialStateClient.fingerprint(ACCESS_KEY), "b"));
    }

    private static byte[] body(int from, int to) {
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i <= to; i++) {
            b.append(i == from ? "" : ",").append("{\"key\":\"k\",\"value\":").append(i).append(",\"epoch\":")
                    .append(1000 + i).append('}');
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The values of every event posted, in order. */
    private static List<Integer> valuesPosted() throws Exception {
        List<Integer> values = new ArrayList<>();
        for (LoggedRequest r : events()) {
            for (JsonNode e : json(r.getBodyAsString())) {
                values.add(e.get("value").asInt());
            }
        }
        return values;
    }

    /** The values of every event the server accepted (204), in order. */
    private static List<Integer> valuesAccepted() throws Exception {
        List<Integer> values = new ArrayList<>();
        List<ServeEvent> served = new ArrayList<>(wireMock.getAllServeEvents());
        Collections.reverse(served); // oldest first
        for (ServeEvent e : served) {
            if (e.getRequest().getUrl().equals("/api/events") && e.getResponse().getStatus() == 204) {
                for (JsonNode event : json(e.getRequest().getBodyAsString())) {
                    values.add(event.get("value").asInt());
                }
            }
        }
        return values;
    }

    @Test
    void aFailedAppendLeavesTheFileAsItWasAndTheNextSpilledBatchSurvivesTheReplay() throws Exception {
        stubEvents(503);
        assertEquals(10, client.send("b", List.of(body(1, 10))).spilledEvents());
        long before = Files.size(spillFile());

        diskFull.set(true);
        IOException full = assertThrows(IOException.class, () -> client.send("b", List.of(body(11, 20))));
        assertEquals("No space left on device", full.getMessage());
        assertEquals(before, Files.size(spillFile()), "the half-written line was cut back");

        diskFull.set(false);
        assertEquals(10, client.send("b", List.of(body(21, 30))).spilledEvents(), "acknowledged as spilled");

        wireMock.resetAll();
        stubEvents(204);
        assertEquals(2, client.replayAll());
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(i);
        }
        for (int i = 21; i <= 30; i++) {
            expected.add(i);
        }
        assertEquals(expected, valuesPosted(), "every acknowledged event, none of the failed append");
        assertFalse(Files.exists(spillFile()));
    }

    @Test
    void aTornTailLeftByAFailedCutIsRepairedBeforeTheNextAppendNotOncePerProcess() throws Exception {
        stubEvents(503);
        client.send("b", List.of(body(1, 2)));
        client.replayAll(); // the file has been read (and checked) once already
        Files.write(spillFile(), "[{\"key\":\"k\",\"va".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        client.send("b", List.of(body(3, 4)));

        assertEquals("[{\"key\":\"k\",\"value\":1,\"epoch\":1001},{\"key\":\"k\",\"value\":2,\"epoch\":1002}]\n"
                + "[{\"key\":\"k\",\"value\":3,\"epoch\":1003},{\"key\":\"k\",\"value\":4,\"epoch\":1004}]\n",
                Files.readString(spillFile()));
    }

    @Test
    void anAcceptedBatchIsNeverPostedAgainWhenTheSpillCannotBeRewritten() throws Exception {
        stubEvents(503);
        client.send("b", List.of(body(1, 3)));
        client.send("b", List.of(body(4, 6)));
        client.send("b", List.of(body(7, 7)));
        wireMock.resetAll();
        stubEvents(204);
        // the last batch still meets an outage, so the file must be rewritten to drop the first two
        wireMock.stubFor(post(urlEqualTo("/api/events")).withRequestBody(containing("\"value\":7,")).willReturn(aResponse()
                .withStatus(503)));
        noNewFiles.set(true); // no room for the rewrite's temporary file

        for (int i = 0; i < 5; i++) {
            client.replayAll();
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6), valuesAccepted(), "each batch once");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7), valuesPosted(),
                "the batch behind them is tried at every replay (and its retry)");
        assertTrue(Files.readString(spillFile()).startsWith("#"), "not rewritten yet, marked in place");

        // a restart (new store on the same directory) skips them too: they were marked in place
        spill.close();
        noNewFiles.set(false);
        spill = new SpillStore(dir, this::open);
        List<SpillStore.Entry> left = spill.read(spillFile().getFileName().toString());
        assertEquals(1, left.size());
        assertEquals(new String(body(7, 7), StandardCharsets.UTF_8), new String(left.get(0).body(), StandardCharsets.UTF_8));
    }

    @Test
    void anAcceptedBatchIsNotPostedAgainByThisProcessEvenWhenNothingCanBeWritten() throws Exception {
        stubEvents(503);
        client.send("b", List.of(body(1, 3)));
        client.send("b", List.of(body(4, 6)));
        wireMock.resetAll();
        stubEvents(204);
        diskFull.set(true);

        client.replayAll();
        client.replayAll();
        assertEquals(List.of(1, 2, 3, 4, 5, 6), valuesPosted());
    }

    @Test
    void aBatchRefusedForGoodGoesToTheDeadLetterFileAndTheBucketGoesOn() throws Exception {
        stubEvents(503);
        client.send("b", List.of(body(1, 2)));
        client.send("b", List.of(body(3, 4)));
        client.send("b", List.of(body(5, 6)));
        wireMock.resetAll();
        stubEvents(204);
        wireMock.stubFor(post(urlEqualTo("/api/events")).withRequestBody(containing("\"value\":3,")).willReturn(aResponse()
                .withStatus(400).withBody("{\"message\":{\"error\":{\"type\":\"INVALID_KEY\",\"message\":\"bad key k\"}}}")));

        for (int i = 100; i < 120; i++) {
            InitialStateClient.Sent sent = client.send("b", List.of(body(i, i)));
            assertEquals(0, sent.spilledEvents());
        }

        assertFalse(Files.exists(spillFile()));
        List<Integer> values = valuesPosted();
        assertTrue(values.containsAll(List.of(1, 2, 5, 6)), values.toString());
        for (int i = 100; i < 120; i++) {
            assertTrue(values.contains(i), "good event " + i + " delivered");
        }
        List<String> dead = Files.readAllLines(dir.resolve(spillFile().getFileName() + SpillStore.DEAD_SUFFIX));
        assertEquals(1, dead.size());
        JsonNode letter = json(dead.get(0));
        assertEquals("b", letter.get("bucketKey").asText());
        assertEquals(400, letter.get("status").asInt());
        assertTrue(letter.get("reason").asText().contains("INVALID_KEY"), letter.toString());
        assertEquals(json(new String(body(3, 4), StandardCharsets.UTF_8)), letter.get("events"));
    }

    @Test
    void aTransientRefusalKeepsTheSpilledBatchInPlace() throws Exception {
        stubEvents(503);
        client.send("b", List.of(body(1, 2)));
        wireMock.resetAll();
        stubEvents(429);

        assertEquals(0, client.replayAll());
        assertTrue(Files.readString(spillFile()).contains("\"value\":1"));
        assertFalse(Files.exists(dir.resolve(spillFile().getFileName() + SpillStore.DEAD_SUFFIX)));
    }

    @Test
    void aSpilledBatchTooLargeIsSplitBeforeItIsDeadLettered() throws Exception {
        stubEvents(503);
        client.send("b", List.of(body(1, 4)));
        wireMock.resetAll();
        stubEvents(204);
        // the server takes at most two events a request, and never the event 4
        wireMock.stubFor(post(urlEqualTo("/api/events")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$[2]")).willReturn(
                        aResponse()
                                .withStatus(413)));
        wireMock.stubFor(post(urlEqualTo("/api/events")).withRequestBody(containing("\"value\":4,")).willReturn(aResponse()
                .withStatus(413)));

        client.replayAll();

        assertEquals(List.of(1, 2, 3), valuesAccepted(), "each accepted once, in order");
        List<String> dead = Files.readAllLines(dir.resolve(spillFile().getFileName() + SpillStore.DEAD_SUFFIX));
        assertEquals(1, dead.size());
        assertEquals(413, json(dead.get(0)).get("status").asInt());
        assertEquals(4, json(dead.get(0)).get("events").get(0).get("value").asInt());
        assertFalse(Files.exists(spillFile()));
    }

    @Test
    void aLiveBatchTooLargeIsSentInHalves() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(204)));
        wireMock.stubFor(post(urlEqualTo("/api/events")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$[2]")).willReturn(
                        aResponse()
                                .withStatus(413)));

        InitialStateClient.Sent sent = client.send("b", List.of(body(1, 5)));

        assertEquals(0, sent.spilledEvents());
        assertEquals(List.of(1, 2, 3, 4, 5), valuesAccepted());
    }

    @Test
    void anErrorBodyEchoingTheAccessKeyNeverPutsItInTheException() {
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(400)
                .withHeader("X-Echo", "X-IS-AccessKey: " + ACCESS_KEY)
                .withBody("{\"message\":{\"error\":{\"type\":\"BAD\",\"message\":\"request headers: X-IS-AccessKey="
                        + ACCESS_KEY + "\"}}}")));

        Exchange out = template.send(is("b", "key=k"), e -> e.getIn().setBody(1));

        InitialStateException e = assertInstanceOf(InitialStateException.BadRequest.class, out.getException());
        assertFalse(e.getMessage().contains(ACCESS_KEY), e.getMessage());
        assertFalse(e.getResponseBody().contains(ACCESS_KEY), e.getResponseBody());
        assertFalse(String.valueOf(e.getResponseHeaders()).contains(ACCESS_KEY));
        assertTrue(e.getMessage().contains("X-IS-AccessKey=******"), e.getMessage());
    }

    /** A channel on a full disk: a write puts half its bytes down, then fails. */
    private static final class HalfWritingChannel extends FileChannel {
        private final FileChannel real;

        HalfWritingChannel(FileChannel real) {
            this.real = real;
        }

        private int half(ByteBuffer src, long position) throws IOException {
            int n = src.remaining() / 2;
            if (n > 0) {
                ByteBuffer part = src.slice();
                part.limit(n);
                if (position < 0) {
                    real.write(part);
                } else {
                    real.write(part, position);
                }
            }
            throw new IOException("No space left on device");
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return half(src, -1);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return half(srcs[offset], -1);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return half(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
