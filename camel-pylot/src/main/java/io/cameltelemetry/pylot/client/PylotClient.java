package io.cameltelemetry.pylot.client;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cameltelemetry.common.http.BaseUrl;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.pylot.PylotBatch;
import io.cameltelemetry.pylot.PylotException;
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
    private static final ContentType JSON = ContentType.create("application/json", (java.nio.charset.Charset) null);

    private final TelemetryHttpClient http;
    private final String uri;

    /**
     * @param http    the executor (Basic authentication, retries, deadline)
     * @param baseUrl e.g. {@code https://input-api.pylot.app}, without credentials
     */
    public PylotClient(TelemetryHttpClient http, String baseUrl) {
        this.http = http;
        this.uri = BaseUrl.stripTrailingSlash(baseUrl) + PATH;
    }

    /** The request URI, safe to log: base URL plus path, never credentials. */
    public String getUri() {
        return uri;
    }

    /** What one {@link #send} did. */
    public record Result(int rows, int requests, long measurements) {
    }

    /**
     * Sends all rows of {@code batch} in order, {@code maxRows} per request. An empty batch sends nothing. When a
     * request fails for good, the rows of earlier requests stay sent (PYLOT overwrites on resend).
     *
     * @throws PylotException on a non-2xx answer after retries
     * @throws IOException    on an I/O error after retries
     */
    public Result send(String adapter, PylotBatch batch, int maxRows) throws Exception {
        if (batch.isEmpty()) {
            return new Result(0, 0, 0);
        }
        Chunker chunker = new Chunker(adapter, maxRows);
        batch.forEachRow(chunker::add);
        chunker.flush();
        return new Result(chunker.sentRows, chunker.requests, batch.measurementCount());
    }

    private final class Chunker {
        private final String adapter;
        private final int maxRows;
        private final Buffer buffer = new Buffer();
        private JsonGenerator gen;
        private int rowsInChunk;
        private int sentRows;
        private int requests;

        Chunker(String adapter, int maxRows) {
            this.adapter = adapter;
            this.maxRows = maxRows;
        }

        void add(String node, java.time.LocalDateTime ts, Map<String, Number> data) throws Exception {
            if (gen == null) {
                buffer.reset();
                gen = PylotJsonWriter.open(buffer);
            }
            PylotJsonWriter.writeRow(gen, adapter, node, ts, data);
            if (++rowsInChunk == maxRows) {
                flush();
            }
        }

        void flush() throws Exception {
            if (gen == null) {
                return;
            }
            PylotJsonWriter.close(gen);
            gen = null;
            post(buffer, rowsInChunk, sentRows);
            requests++;
            sentRows += rowsInChunk;
            rowsInChunk = 0;
        }
    }

    private void post(Buffer body, int rows, int rowsSentBefore) throws Exception {
        // PYLOT overwrites by node, timestamp and metric: a resent request does no harm, so it is retried as idempotent
        http.execute(HttpRequestSpec.post(uri).idempotent(true).body(body.array(), 0, body.size(), JSON)
                .errors(error -> new PylotException(error, rowsSentBefore)), null);
        LOG.debug("Sent {} rows to {}", rows, uri);
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
}
