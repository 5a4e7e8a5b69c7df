package io.cameltelemetry.initialstate.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.RetryRule;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.initialstate.InitialStateException;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that knows Initial State's HTTP protocol: {@code POST /api/buckets} and {@code POST /api/events} with
 * {@code X-IS-AccessKey}, {@code X-IS-BucketKey} and {@code Accept-Version: <=0.0.4}, through the shared
 * {@link TelemetryHttpClient} (pacing and the access key come from its authenticator, retries from its rule). Batches
 * that still fail for a transient reason go to the {@link SpillStore}, when there is one, and are replayed in order
 * before any newer data of their bucket.
 */
public final class InitialStateClient {

    private static final Logger LOG = LoggerFactory.getLogger(InitialStateClient.class);
    private static final ContentType JSON = ContentType.APPLICATION_JSON;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The API versions ISStreamer 2.0.0 accepts. */
    public static final String ACCEPT_VERSION = "<=0.0.4";

    private final TelemetryHttpClient http;
    private final String base;
    private final Spill spill;
    private final String keyFingerprint;
    private final InitialStatePacer pacer;

    /**
     * @param pacer the access key's pacer, told the rate limit headers of every answer
     * @param spill where failed batches go, or null to fail the exchange instead
     */
    public InitialStateClient(TelemetryHttpClient http, String baseUrl, String accessKey, InitialStatePacer pacer,
            Spill spill) {
        this.http = http;
        this.pacer = pacer;
        this.base = BaseUrl.stripTrailingSlash(baseUrl);
        this.spill = spill;
        this.keyFingerprint = fingerprint(accessKey);
    }

    /** A short, one-way name for an access key (spill file names, shared pacers); never the key itself. */
    public static String fingerprint(String accessKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a bucket; true when it was created (201), false when it existed (204). */
    public boolean createBucket(String bucketKey, String bucketName) throws Exception {
        byte[] body = MAPPER.writeValueAsBytes(new LinkedHashMap<>(Map.of("bucketKey", bucketKey,
                "bucketName", bucketName == null ? bucketKey : bucketName)));
        int status = http.execute(HttpRequestSpec.post(base + "/api/buckets").idempotent(true)
                .header("Accept-Version", ACCEPT_VERSION).header("X-IS-BucketKey", bucketKey).body(body, JSON));
        LOG.debug("Initial State bucket {}: {}", bucketKey, status == 201 ? "created" : "exists");
        return status == 201;
    }

    /** What sending a message did. */
    public record Sent(int requests, int spilledEvents) {
    }

    /**
     * Sends the bodies of one message to a bucket, in order, after any spilled bodies of that bucket. A body refused as
     * too large (413) is split in two and sent again, down to single events. When a body still fails for a transient
     * reason (I/O, deadline, 5xx, 408, 429) and there is a spill store, it and the rest are spilled (fsynced) and the
     * call returns normally.
     *
     * @throws InitialStateException for a refusal (401/403, 400, 402, a 413 of one event), or any failure without a
     *                               spill store
     */
    public Sent send(String bucketKey, List<byte[]> bodies) throws Exception {
        Deque<byte[]> pending = new ArrayDeque<>(bodies);
        int[] requests = { 0 };
        if (spill == null) {
            postAll(bucketKey, pending, requests);
            return new Sent(requests[0], 0);
        }
        String file = SpillStore.fileName(keyFingerprint, bucketKey);
        Sent sent = spill.locked(file, true, () -> {
            if (spill.hasData(file)) {
                try {
                    replay(bucketKey);
                } catch (Exception e) {
                    if (!isTransient(e)) {
                        throw e;
                    }
                    return new Sent(0, spillBodies(bucketKey, file, new ArrayList<>(pending),
                            "it has spilled batches that still fail", e));
                }
            }
            try {
                postAll(bucketKey, pending, requests);
            } catch (Exception e) {
                if (!isTransient(e)) {
                    throw e;
                }
                return new Sent(requests[0] + 1, spillBodies(bucketKey, file, new ArrayList<>(pending),
                        "sending failed after the retries", e));
            }
            return new Sent(requests[0], 0);
        });
        if (sent == null) {
            // another replica is replaying this bucket's spilled bodies: these go after them, in order
            int events = pending.stream().mapToInt(InitialStateJson::count).sum();
            spill.append(file, new ArrayList<>(pending));
            LOG.info("Initial State bucket {}: another replica is replaying its spilled batches; {} events were spilled to "
                    + "{} after them, to keep the order",
                    bucketKey, events, spill.location());
            return new Sent(0, events);
        }
        return sent;
    }

    /**
     * Posts the bodies in order, taking each off {@code pending} once accepted and counting it in {@code requests[0]}
     * (what is left on a failure was not sent); a 413 of several events splits the body in two.
     */
    private void postAll(String bucketKey, Deque<byte[]> pending, int[] requests) throws Exception {
        while (!pending.isEmpty()) {
            byte[] body = pending.peekFirst();
            try {
                post(bucketKey, body);
                pending.pollFirst();
                requests[0]++;
            } catch (InitialStateException.PayloadTooLarge e) {
                List<byte[]> halves = InitialStateJson.split(body);
                if (halves.size() < 2) {
                    throw e;
                }
                LOG.info("Initial State bucket {} refused a body of {} events as too large (413); sending it in two",
                        bucketKey, InitialStateJson.count(body));
                pending.pollFirst();
                pending.addFirst(halves.get(1));
                pending.addFirst(halves.get(0));
            }
        }
    }

    /** Appends bodies to the bucket's spill file (fsynced) and says so; returns the events spilled. */
    private int spillBodies(String bucketKey, String file, List<byte[]> bodies, String why, Exception cause)
            throws IOException {
        spill.append(file, bodies);
        int events = bodies.stream().mapToInt(InitialStateJson::count).sum();
        LOG.warn("Initial State bucket {}: {} ({}); {} events were spilled to {} and will be replayed in order", bucketKey,
                why, cause.getMessage(), events, spill.location());
        return events;
    }

    /** Replays every spilled bucket of this access key, oldest body first; stops a bucket at its first failure. */
    public int replayAll() throws IOException {
        if (spill == null) {
            return 0;
        }
        int replayed = 0;
        for (String bucket : spill.buckets(keyFingerprint)) {
            String file = SpillStore.fileName(keyFingerprint, bucket);
            try {
                Integer sent = spill.locked(file, true, () -> replay(bucket)); // null: another replica replays it
                replayed += sent == null ? 0 : sent;
            } catch (Exception e) {
                LOG.info("Replaying the spilled batches of Initial State bucket {} failed ({}); next try later", bucket,
                        e.getMessage());
            }
        }
        return replayed;
    }

    /** Whether this access key has spilled batches. */
    public boolean hasSpilled() throws IOException {
        return spill != null && !spill.buckets(keyFingerprint).isEmpty();
    }

    /**
     * Sends the spilled bodies of one bucket in order. Each one accepted is never posted again, even when the file
     * cannot be rewritten yet; one refused for good (400, a 413 of one event) moves to the dead-letter file and the
     * bucket goes on; a 413 of several events is split in the file first. A transient failure, or a refusal of the key
     * itself (401, 403, 402), stops the replay with the body in place. Caller holds the monitor.
     */
    private int replay(String bucketKey) throws Exception {
        String file = SpillStore.fileName(keyFingerprint, bucketKey);
        List<Spill.Entry> entries = spill.read(file);
        int sent = 0;
        int dead = 0;
        for (int i = 0; i < entries.size(); i++) {
            Spill.Entry entry = entries.get(i);
            try {
                post(bucketKey, entry.body());
            } catch (InitialStateException.PayloadTooLarge e) {
                List<byte[]> halves = InitialStateJson.split(entry.body());
                if (halves.size() < 2) {
                    deadLetter(bucketKey, file, entry, e);
                    dead++;
                    continue;
                }
                spill.replace(file, entry, halves); // atomic: on failure the body stays whole and this replay stops
                // (the lines accepted before are dropped by it, and the offsets change: read the file again)
                LOG.info("Initial State bucket {} refused a spilled body of {} events as too large (413); split it in two "
                        + "in the spill file",
                        bucketKey, InitialStateJson.count(entry.body()));
                entries = spill.read(file);
                i = -1;
                continue;
            } catch (InitialStateException.BadRequest e) {
                deadLetter(bucketKey, file, entry, e);
                dead++;
                continue;
            }
            spill.accepted(file, entry);
            sent++;
        }
        spill.compact(file); // drops the accepted and dead-lettered lines, or the file; they stay marked when it cannot
        if (sent > 0 || dead > 0) {
            LOG.info("Replayed {} spilled batches to Initial State bucket {}{}", sent, bucketKey,
                    dead == 0 ? "" : "; " + dead + " refused for good went to the dead letter of " + spill.location());
        }
        return sent;
    }

    private void deadLetter(String bucketKey, String file, Spill.Entry entry, InitialStateException refusal)
            throws IOException {
        String dead = spill.deadLetter(file, bucketKey, entry, refusal.getStatusCode(), refusal.getMessage());
        LOG.warn("Initial State bucket {} refused a spilled batch of {} events for good ({}); it was moved to the "
                + "dead-letter file {} and the bucket goes on",
                bucketKey, InitialStateJson.count(entry.body()), refusal.getMessage(), dead);
    }

    private void post(String bucketKey, byte[] body) throws Exception {
        http.execute(HttpRequestSpec.post(base + "/api/events").idempotent(true).header("Accept-Version", ACCEPT_VERSION)
                .header("X-IS-BucketKey", bucketKey).body(body, JSON), response -> {
                    pacer.onResponse(name -> response.getFirstHeader(name) == null
                            ? null
                            : response.getFirstHeader(name).getValue());
                    return null;
                });
    }

    /** Failures worth keeping the batch for: I/O (deadline included), 5xx, 408 and 429 after the retries. */
    static boolean isTransient(Exception e) {
        if (e instanceof IOException) {
            return true;
        }
        if (e instanceof InitialStateException is) {
            int s = is.getStatusCode();
            return s >= 500 || s == 408 || s == 429;
        }
        return false;
    }

    /** A final non-2xx answer as the typed exception users act on. */
    public static InitialStateException failure(ErrorResponse error) {
        switch (error.status()) {
            case 401, 403 -> {
                return new InitialStateException.Unauthorized(error);
            }
            case 402 -> {
                return new InitialStateException.QuotaExceeded(error);
            }
            case 413 -> {
                return new InitialStateException.PayloadTooLarge(error);
            }
            case 400 -> {
                String type = null;
                String message = null;
                try {
                    JsonNode err = error.body() == null ? null : MAPPER.readTree(error.body()).path("message").path("error");
                    if (err != null && !err.isMissingNode()) {
                        type = err.path("type").asText(null);
                        message = err.path("message").asText(null);
                    }
                } catch (IOException | RuntimeException notJson) {
                    // the plain body is in the exception
                }
                return new InitialStateException.BadRequest(error, type, message);
            }
            default -> {
                return new InitialStateException(error, "Initial State answered HTTP " + error.status());
            }
        }
    }

    @Override
    public String toString() {
        return "InitialStateClient[" + base + ", key " + keyFingerprint + "...]";
    }

    /**
     * Initial State's retry rule on a key's pacer: the pacer learns the rate limit headers of every answer, and a 429
     * pauses every endpoint of the key for the server's wait, in full (one second without one).
     */
    public static RetryRule retryRule(InitialStatePacer pacer) {
        return new RetryRule() {
            @Override
            public long retryAfterMillis(ErrorResponse response) {
                pacer.onResponse(response::header);
                long wait = RetryRule.super.retryAfterMillis(response);
                if (response.status() == 429) {
                    pacer.pause(wait >= 0 ? wait : 1000); // every endpoint of the key waits it out, in full
                }
                return wait;
            }
        };
    }

    /** The error mapping of a key's requests: {@link #failure}, after the pacer learned the answer's rate limit. */
    public static Function<ErrorResponse, InitialStateException> failures(InitialStatePacer pacer) {
        return error -> {
            pacer.onResponse(error::header);
            return failure(error);
        };
    }
}
