package io.cameltelemetry.dcs.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.dcs.DcsApiVersion;
import io.cameltelemetry.dcs.DcsTimes;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.dcs.model.DcsReadingsInfo;

/**
 * Reads one readings response with Jackson's streaming parser, one reading at a time, straight from the response
 * stream: public API {@code {header fields..., "readings": [...]}} (nothing after {@code readings} is read) or the
 * legacy bare array. Unknown fields are skipped; values may be numbers or the strings NaN, Infinity, -Infinity.
 */
public final class DcsReadingsReader implements Closeable {

    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private final DcsApiVersion api;
    private final String uri;
    private final JsonParser parser;
    private DcsReadingsInfo info;
    private DcsReading next;
    private TelemetryMalformedResponseException pending;
    private boolean done;
    private long count;

    public DcsReadingsReader(DcsApiVersion api, InputStream in, String uri) {
        this.api = api;
        this.uri = uri;
        try {
            this.parser = FACTORY.createParser(in);
            if (api == DcsApiVersion.PUBLIC) {
                readEnvelope();
            } else if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("expected a JSON array of readings");
            }
        } catch (IOException e) {
            throw malformed(0, e);
        }
    }

    private TelemetryMalformedResponseException malformed(long before, Exception e) {
        return new TelemetryMalformedResponseException("DCS", "GET", uri, 200, null, String.valueOf(e.getMessage()), null,
                before, e);
    }

    /** The envelope (public API), or null (legacy). */
    public DcsReadingsInfo info() {
        return info;
    }

    private void readEnvelope() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object with readings");
        }
        String name = null;
        String unit = null;
        String periodType = null;
        Instant start = null;
        Instant end = null;
        Integer duration = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "readings" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new IOException("readings is not an array");
                    }
                    info = new DcsReadingsInfo(name, unit, periodType, start, end, duration);
                    return;
                }
                case "name" -> name = text(value);
                case "unit" -> unit = text(value);
                case "periodType" -> periodType = text(value);
                case "startTime" -> start = value == JsonToken.VALUE_NULL ? null : DcsTimes.parseWire(parser.getText());
                case "endTime" -> end = value == JsonToken.VALUE_NULL ? null : DcsTimes.parseWire(parser.getText());
                case "readingDuration", "duration" -> duration = value.isNumeric() ? parser.getIntValue() : duration;
                default -> parser.skipChildren();
            }
        }
        throw new IOException("the response has no readings array");
    }

    private String text(JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    /**
     * Whether another reading follows; parses it. A parse error does not surface here but from the following
     * {@link #next()}, so that look-ahead (Camel's streaming splitter asks hasNext before routing the current element)
     * never loses the readings before the fault.
     */
    public boolean hasNext() {
        if (next != null || pending != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                done = true;
                return false;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new IOException("expected a reading object, found " + t);
            }
            next = api == DcsApiVersion.PUBLIC ? readPublic() : readLegacy();
            return true;
        } catch (IOException | RuntimeException e) {
            done = true;
            pending = malformed(count, e);
            return true;
        }
    }

    /** The next reading; throws {@link TelemetryMalformedResponseException} where the response is malformed. */
    public DcsReading next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (next == null) {
            TelemetryMalformedResponseException error = pending;
            pending = null;
            throw error;
        }
        DcsReading r = next;
        next = null;
        count++;
        return r;
    }

    public long count() {
        return count;
    }

    private DcsReading readPublic() throws IOException {
        Instant ts = null;
        double value = Double.NaN;
        double total = Double.NaN;
        double period = Double.NaN;
        boolean hasValue = false;
        int status = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (field) {
                case "timestamp" -> ts = DcsTimes.parseWire(parser.getText());
                case "value" -> {
                    value = number(v);
                    hasValue = true;
                }
                case "totalValue" -> total = number(v);
                case "periodValue" -> period = number(v);
                case "status" -> status = v == JsonToken.VALUE_NULL ? 0 : parser.getIntValue();
                default -> parser.skipChildren();
            }
        }
        if (ts == null) {
            throw new IOException("a reading has no timestamp");
        }
        return new DcsReading(ts, hasValue ? value : period, status, total, period, null, null);
    }

    private DcsReading readLegacy() throws IOException {
        Instant ts = null;
        double total = Double.NaN;
        double period = Double.NaN;
        Integer duration = null;
        Boolean generated = null;
        boolean interpolated = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (field) {
                case "startTime" -> ts = DcsTimes.parseWire(parser.getText());
                case "totalValue" -> total = number(v);
                case "periodValue" -> period = number(v);
                case "duration" -> duration = v.isNumeric() ? parser.getIntValue() : null;
                case "isGenerated" -> generated = v == JsonToken.VALUE_TRUE;
                case "isInterpolated" -> interpolated = v == JsonToken.VALUE_TRUE;
                default -> parser.skipChildren();
            }
        }
        if (ts == null) {
            throw new IOException("a reading has no startTime");
        }
        return new DcsReading(ts, period, interpolated ? DcsReading.INTERPOLATED : 0, total, period, duration, generated);
    }

    /** A JSON number or one of the strings DCS uses for non-finite values. */
    private double number(JsonToken v) throws IOException {
        if (v.isNumeric()) {
            return parser.getDoubleValue();
        }
        if (v == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (v == JsonToken.VALUE_STRING) {
            String s = parser.getText().trim();
            switch (s) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity", "+Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new IOException("not a number: '" + s + "'");
                    }
                }
            }
        }
        throw new IOException("not a number: " + v);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
