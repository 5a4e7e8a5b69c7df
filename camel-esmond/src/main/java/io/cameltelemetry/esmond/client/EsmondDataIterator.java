package io.cameltelemetry.esmond.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.common.http.OpenResponse;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import org.apache.camel.RuntimeCamelException;

/**
 * The points of one or more series (an event type's base data or one summary, of one or more metadata) in a fixed time
 * window, read lazily: one page ({@code limit} points at {@code offset}, at the same {@code time-start} and
 * {@code time-end}) is open at a time and parsed as it is consumed, the next page is requested when a full page was
 * read, the next series when a page came back short. Memory stays constant whatever the result. Paging by offset at a
 * fixed window (never {@code last ts + 1}) keeps points that share a second at a page boundary. A fault in the answer
 * is thrown by the {@code next()} after the last good point was delivered. Closing it (or draining it) releases the
 * connection; safe to close twice.
 */
public final class EsmondDataIterator implements Iterator<EsmondDataPoint>, Closeable {

    /** One series to read: the data link the server gave and what it is. */
    public record Series(EsmondMetadata metadata, String eventType, EsmondSummaryType summary, long window, String uri) {

        public String metadataKey() {
            return metadata.getMetadataKey();
        }
    }

    private final EsmondClient client;
    private final List<Series> series;
    private final Long start;
    private final Long end;
    private final int pageSize;
    private final boolean singlePage;
    private int nextSeries;
    private Series current;
    private EsmondJson.ValueType valueType;
    private long offset;
    private int inPage;
    private String pageUri;
    private OpenResponse response;
    private JsonParser parser;
    private EsmondDataPoint next;
    private long lastTs = Long.MIN_VALUE;
    private boolean closed;
    private long delivered;
    /**
     * A fault found while reading the point after the one being delivered: thrown by the following {@code next()}, so
     * that the point before it is routed (Camel's streaming splitter takes a point, then asks for the next).
     */
    private Exception fault;

    /**
     * Opens the first page at once, so that errors show before the iterator is handed out.
     *
     * @param start time-start (inclusive UNIX seconds) or null
     * @param end   time-end (inclusive UNIX seconds) or null
     */
    public EsmondDataIterator(EsmondClient client, List<Series> series, Long start, Long end, int pageSize)
            throws Exception {
        this(client, series, start, end, pageSize, false);
    }

    private EsmondDataIterator(EsmondClient client, List<Series> series, Long start, Long end, int pageSize,
            boolean singlePage) throws Exception {
        this.client = client;
        this.series = series;
        this.start = start;
        this.end = end;
        this.pageSize = pageSize;
        this.singlePage = singlePage;
        try {
            advance();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * The first page of one series: at most {@code limit} points in [start, end], asked for by time alone (no
     * {@code offset}), read whole (the connection is back in the pool when this returns).
     */
    public static List<EsmondDataPoint> page(EsmondClient client, Series series, Long start, long end, int limit)
            throws Exception {
        List<EsmondDataPoint> points = new ArrayList<>();
        try (EsmondDataIterator it = new EsmondDataIterator(client, List.of(series), start, end, limit, true)) {
            it.forEachRemaining(points::add);
        }
        return points;
    }

    private void advance() throws Exception {
        next = null;
        while (!closed) {
            if (parser == null) {
                if (current != null && inPage == pageSize) {
                    offset += inPage; // a full page: there may be more
                } else {
                    if (nextSeries >= series.size()) {
                        close();
                        return;
                    }
                    current = series.get(nextSeries++);
                    valueType = EsmondJson.ValueType.of(current.eventType(), current.summary());
                    offset = 0;
                    lastTs = Long.MIN_VALUE;
                }
                openPage();
            }
            JsonToken t = token();
            if (t == JsonToken.START_OBJECT) {
                next = readPoint();
                if (next.ts() < lastTs) {
                    // esmond answers a series in time order: going back means offset was ignored (a page again)
                    throw malformed("a point at " + next.ts() + " after one at " + lastTs + " (the archive answered "
                            + "out of time order, or ignored offset and sent a page again): stopped rather than "
                            + "repeating points", null);
                }
                lastTs = next.ts();
                inPage++;
                return;
            }
            if (t != JsonToken.END_ARRAY) {
                throw malformed("the data array holds a " + t, null);
            }
            token(); // to the end of the body: the connection goes back to the pool
            closePage();
            if (singlePage) {
                close();
                return;
            }
            if (inPage < pageSize) {
                inPage = -1; // a short page ends this series
            }
        }
    }

    private void openPage() throws Exception {
        EsmondClient.Query q = new EsmondClient.Query().add("time-start", start).add("time-end", end)
                .add("limit", pageSize);
        if (offset > 0) {
            q.add("offset", offset);
        }
        pageUri = client.resolve(current.uri()) + q.toQueryString();
        inPage = 0;
        response = client.openData(pageUri);
        parser = EsmondJson.parser(response.body());
        if (token() != JsonToken.START_ARRAY) {
            throw malformed("data is a JSON array of {ts, val}", null);
        }
    }

    private JsonToken token() throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage(), e);
        }
    }

    private EsmondDataPoint readPoint() throws IOException {
        Long ts = null;
        Object value = null;
        boolean hasValue = false;
        JsonToken t;
        while ((t = token()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            token();
            if ("ts".equals(field)) {
                ts = readTs();
            } else if ("val".equals(field)) {
                try {
                    value = EsmondJson.readValue(parser, valueType);
                } catch (JsonProcessingException e) {
                    throw malformed("a point's val is not a " + valueType.dataType().name().toLowerCase(
                            Locale.ROOT) + " value of " + valueType.eventType() + ": " + e.getOriginalMessage(),
                            e);
                } catch (EsmondJson.BadValue e) {
                    throw malformed("a point's val " + e.getMessage() + " (event type " + valueType.eventType() + ", "
                            + valueType.dataType().name().toLowerCase(Locale.ROOT) + ")", e);
                }
                hasValue = true;
            } else {
                parser.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT || ts == null || !hasValue) {
            throw malformed("a point without ts or val", null);
        }
        return new EsmondDataPoint(Instant.ofEpochSecond(ts), value, current.eventType(), current.metadataKey());
    }

    /** A point's ts: whole UNIX seconds (a number or numeric text) within the range of an Instant. */
    private long readTs() throws IOException {
        JsonToken t = parser.currentToken();
        String text = parser.getText();
        long ts;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING) {
            try {
                ts = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw malformed("a point's ts '" + shorten(text) + "' is not a whole number of seconds"
                        + (t == JsonToken.VALUE_NUMBER_INT ? " in the range of a long" : ""), e);
            }
        } else {
            throw malformed("a point's ts is " + t + " ('" + shorten(text) + "'), not a whole number of seconds", null);
        }
        if (ts < Instant.MIN.getEpochSecond() || ts > Instant.MAX.getEpochSecond()) {
            throw malformed("a point's ts " + ts + " is out of the range of a date", null);
        }
        return ts;
    }

    private static String shorten(String text) {
        return text == null ? "null" : text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private TelemetryMalformedResponseException malformed(String problem, Throwable cause) {
        return new TelemetryMalformedResponseException("esmond", "GET", TelemetryHttpClient.sanitise(pageUri),
                response == null ? 0 : response.status(), response == null
                        ? null
                        : response.response().getEntity() == null
                                ? null
                                : response.response().getEntity().getContentType(),
                problem, null, delivered, cause);
    }

    @Override
    public boolean hasNext() {
        return next != null || fault != null;
    }

    @Override
    public EsmondDataPoint next() {
        if (next == null) {
            Exception e = fault;
            if (e == null) {
                throw new NoSuchElementException();
            }
            fault = null;
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RuntimeCamelException(e);
        }
        EsmondDataPoint point = next;
        delivered++;
        try {
            advance();
        } catch (Exception e) {
            next = null;
            fault = e;
            close();
        }
        return point;
    }

    private void closePage() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // the response is closed next either way
            }
            parser = null;
        }
        if (response != null) {
            response.close();
            response = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        closePage();
    }
}
