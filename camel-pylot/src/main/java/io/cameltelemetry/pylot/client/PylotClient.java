package io.cameltelemetry.pylot.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.pylot.PylotBatch;
import io.cameltelemetry.pylot.PylotException;
import io.cameltelemetry.pylot.PylotRowsRefusedException;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that knows PYLOT's HTTP protocol: {@code POST {baseUrl}/api/measurements} with pre-emptive HTTP Basic
 * auth and a JSON array of at most {@code maxRowsPerRequest} rows. Sending, retries, deadline and errors are the
 * shared {@link TelemetryHttpClient}'s.
 */
public final class PylotClient {

    public static final String PATH = "/api/measurements";
    private static final Logger LOG = LoggerFactory.getLogger(PylotClient.class);
    /** The reference sends {@code Content-type: application/json} without a charset; the body is pure ASCII. */
    private static final ContentType JSON = ContentType.create("application/json", (Charset) null);

    private final TelemetryHttpClient http;
    private final String uri;
    private final ExecutorService sender;

    /**
     * @param http    the executor (Basic authentication, retries, deadline)
     * @param baseUrl e.g. {@code https://input-api.pylot.app}, without credentials
     */
    public PylotClient(TelemetryHttpClient http, String baseUrl) {
        this(http, baseUrl, null);
    }

    /**
     * @param sender where a batch's requests are posted while the next one is written (one request of a batch on the
     *               wire at a time, in order); null posts on the calling thread
     */
    public PylotClient(TelemetryHttpClient http, String baseUrl, ExecutorService sender) {
        this.http = http;
        this.uri = BaseUrl.stripTrailingSlash(baseUrl) + PATH;
        this.sender = sender;
    }

    /** The request URI, safe to log: base URL plus path, never credentials. */
    public String getUri() {
        return uri;
    }

    /** What one {@link #send} did. */
    public record Result(int rows, int requests, long measurements) {
    }

    /**
     * Sends all rows of {@code batch} in order, {@code maxRows} per request. An empty batch sends nothing. When PYLOT
     * answers 400 to a request of several rows, the request is split in halves, recursively (at most
     * {@link #MAX_SPLIT_REQUESTS} extra requests per refused request), so that every row PYLOT accepts is sent; the
     * other requests of the batch are sent too, and then one {@link PylotRowsRefusedException} lists the refused rows
     * with the server's reasons. Any other failure stops the batch: the rows of earlier requests stay sent (PYLOT
     * overwrites on resend).
     *
     * @throws PylotRowsRefusedException when PYLOT refused some rows (all others were sent)
     * @throws PylotException            on another non-2xx answer after retries
     * @throws IOException               on an I/O error after retries
     */
    public Result send(String adapter, PylotBatch batch, int maxRows) throws Exception {
        if (batch.isEmpty()) {
            return new Result(0, 0, 0);
        }
        Chunker chunker = new Chunker(adapter, maxRows);
        batch.forEachRow(chunker::add);
        chunker.flush();
        chunker.awaitInFlight();
        if (!chunker.refused.isEmpty()) {
            throw new PylotRowsRefusedException(chunker.firstRefusal, chunker.refused, chunker.sentRows,
                    chunker.sentBeforeRefusal);
        }
        return new Result(chunker.sentRows, chunker.requests, batch.measurementCount());
    }

    /** The most extra requests spent isolating the refused rows of one request. */
    public static final int MAX_SPLIT_REQUESTS = 64;

    private record Row(String node, LocalDateTime timestamp, Map<String, Number> data) {
    }

    /**
     * Writes a batch's rows into requests of at most maxRows and posts them in order. With a sender, request k is on the
     * wire (on the sender's thread) while request k+1 is written; k+1 is posted only once k has been answered, so the
     * order, the accounting and "a failure stops the batch" are those of one request after the other.
     */
    private final class Chunker {
        private final String adapter;
        private final int maxRows;
        private Buffer buffer = new Buffer();
        private Buffer spare = new Buffer();
        private List<Row> chunk = new ArrayList<>();
        private final List<PylotRowsRefusedException.RefusedRow> refused = new ArrayList<>();
        private ErrorResponse firstRefusal;
        private int sentBeforeRefusal;
        private JsonGenerator gen;
        private final char[] scratch = PylotJsonWriter.scratch();
        private int sentRows;
        private int requests;
        private int splitBudget;
        private Future<ErrorResponse> inFlight;
        private List<Row> inFlightRows;

        Chunker(String adapter, int maxRows) {
            this.adapter = adapter;
            this.maxRows = maxRows;
        }

        void add(String node, LocalDateTime ts, Map<String, Number> data) throws Exception {
            if (gen == null) {
                buffer.reset();
                gen = PylotJsonWriter.open(buffer);
                chunk = new ArrayList<>(Math.min(maxRows, 1024));
            }
            PylotJsonWriter.writeRow(gen, adapter, node, ts, data, scratch);
            chunk.add(new Row(node, ts, data));
            if (chunk.size() == maxRows) {
                flush();
            }
        }

        void flush() throws Exception {
            if (gen == null) {
                return;
            }
            PylotJsonWriter.close(gen);
            gen = null;
            awaitInFlight();
            List<Row> rows = chunk;
            Buffer body = buffer;
            buffer = spare; // the next request is written into the other buffer while this one is on the wire
            spare = body;
            int before = sentRows;
            requests++;
            if (sender == null) {
                finish(rows, post(body, rows.size(), before));
                return;
            }
            inFlightRows = rows;
            inFlight = sender.submit(() -> post(body, rows.size(), before));
        }

        /** Waits for the request on the wire and takes its answer into account (a failure is thrown). */
        void awaitInFlight() throws Exception {
            Future<ErrorResponse> f = inFlight;
            if (f == null) {
                return;
            }
            List<Row> rows = inFlightRows;
            ErrorResponse refusal;
            try {
                refusal = f.get(); // bounded: the request's deadline and timeouts end it
            } catch (ExecutionException e) {
                inFlight = null;
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
            inFlight = null;
            finish(rows, refusal);
        }

        private void finish(List<Row> rows, ErrorResponse refusal) throws Exception {
            if (refusal == null) {
                sentRows += rows.size();
            } else {
                splitBudget = MAX_SPLIT_REQUESTS;
                isolate(List.copyOf(rows), refusal);
            }
        }

        /** Sends what PYLOT accepts of rows it refused together, splitting them in halves. */
        private void isolate(List<Row> rows, ErrorResponse refusal) throws Exception {
            if (firstRefusal == null) {
                firstRefusal = refusal;
                sentBeforeRefusal = sentRows;
            }
            String reason = refusal.body() == null || refusal.body().isBlank() ? "HTTP 400" : refusal.body();
            if (rows.size() == 1 || splitBudget <= 0) {
                for (Row r : rows) {
                    refused.add(new PylotRowsRefusedException.RefusedRow(r.node(), r.timestamp(), r.data(), reason,
                            rows.size() == 1));
                }
                return;
            }
            int half = rows.size() / 2;
            for (List<Row> part : List.of(rows.subList(0, half), rows.subList(half, rows.size()))) {
                if (splitBudget <= 0) {
                    isolate(part, refusal);
                    continue;
                }
                splitBudget--;
                Buffer partBody = new Buffer(); // rare: the batch's buffers may hold a request being written
                JsonGenerator g = PylotJsonWriter.open(partBody);
                for (Row r : part) {
                    PylotJsonWriter.writeRow(g, adapter, r.node(), r.timestamp(), r.data(), scratch);
                }
                PylotJsonWriter.close(g);
                requests++;
                ErrorResponse partRefusal = post(partBody, part.size(), sentRows);
                if (partRefusal == null) {
                    sentRows += part.size();
                } else {
                    isolate(part, partRefusal);
                }
            }
        }

        /** Posts a body; null when accepted, the answer when PYLOT refused it with 400. */
        private ErrorResponse post(Buffer body, int rows, int before) throws Exception {
            try {
                // PYLOT overwrites by node, timestamp and metric: a resent request does no harm, so it is idempotent
                http.execute(HttpRequestSpec.post(uri).idempotent(true).body(body.array(), 0, body.size(), JSON)
                        .errors(error -> error.status() == 400 ? new Refused(error) : new PylotException(error, before)),
                        null);
                LOG.debug("Sent {} rows to {}", rows, uri);
                return null;
            } catch (Refused r) {
                return r.error;
            }
        }
    }

    /** A 400 answer, handled by splitting; never leaves this class. */
    private static final class Refused extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;
        final transient ErrorResponse error;

        Refused(ErrorResponse error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /** A byte buffer whose array is handed to the request entity without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }

    @Override
    public String toString() {
        return "PylotClient[" + uri + "]";
    }

    /** The typed exception of a final non-2xx answer outside a batch (nothing of it was sent). */
    public static PylotException failure(ErrorResponse error) {
        return new PylotException(error, 0);
    }
}
