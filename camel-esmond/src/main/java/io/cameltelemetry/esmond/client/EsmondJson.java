package io.cameltelemetry.esmond.client;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.esmond.model.EsmondDataType;
import io.cameltelemetry.esmond.model.EsmondHistogram;
import io.cameltelemetry.esmond.model.EsmondHistogramStatistics;
import io.cameltelemetry.esmond.model.EsmondSubinterval;
import io.cameltelemetry.esmond.model.EsmondSummaryType;
import io.cameltelemetry.esmond.model.EsmondTraceHop;

/** esmond's JSON: the shared mapper and the typed reading of a point's {@code val}. */
public final class EsmondJson {

    /** Reads unknown keys without failing, single values as lists (a histogram's mode), numbers as text. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false);

    private EsmondJson() {
    }

    /** A point's val that does not fit its event type's data type; the message shows the value. */
    public static final class BadValue extends IOException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    private static BadValue bad(JsonParser p, String expected) throws IOException {
        JsonToken t = p.currentToken();
        String shown;
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            String tree = p.readValueAsTree().toString();
            shown = tree.length() > 60 ? tree.substring(0, 60) + "..." : tree;
        } else {
            shown = t == JsonToken.VALUE_STRING ? "'" + p.getText() + "'" : p.getText();
        }
        return new BadValue(shown + " is not " + expected);
    }

    /** How the values of one series are read. */
    public record ValueType(EsmondDataType dataType, EsmondSummaryType summary, String eventType) {

        public static ValueType of(String eventType, EsmondSummaryType summary) {
            return new ValueType(EsmondDataType.forReading(eventType),
                    summary == null ? EsmondSummaryType.BASE : summary, eventType);
        }
    }

    /**
     * Reads the {@code val} at the parser's current token (its first token) as the series' type, leaving the parser on
     * its last token.
     */
    public static Object readValue(JsonParser p, ValueType type) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        switch (type.dataType()) {
            case INTEGER :
                if (type.summary() == EsmondSummaryType.AVERAGE) {
                    return number(p, false);
                }
                return number(p, true);
            case FLOAT :
                return number(p, false);
            case PERCENTAGE :
                if (t == JsonToken.START_OBJECT) {
                    JsonNode n = p.readValueAsTree();
                    if (!n.path("numerator").isNumber() || !n.path("denominator").isNumber()) {
                        throw new BadValue(shorten(n.toString()) + " is not a ratio (numerator and denominator numbers)");
                    }
                    double denominator = n.path("denominator").asDouble();
                    return denominator == 0 ? Double.NaN : n.path("numerator").asDouble() / denominator;
                }
                return number(p, false);
            case HISTOGRAM :
                if (type.summary() == EsmondSummaryType.STATISTICS) {
                    return MAPPER.readValue(p, EsmondHistogramStatistics.class);
                }
                if (t == JsonToken.START_OBJECT) {
                    return histogram(p);
                }
                throw bad(p, "a histogram (an object of bucket counts)");
            case SUBINTERVAL :
                if (t == JsonToken.START_ARRAY) {
                    return subintervals(p);
                }
                throw bad(p, "an array of subintervals");
            default :
                if ("packet-trace".equals(type.eventType()) && t == JsonToken.START_ARRAY) {
                    return hops(p);
                }
                return p.readValueAsTree();
        }
    }

    /** A number as Long where whole (when {@code whole} is asked for), else Double; numeric text is read too. */
    private static Object number(JsonParser p, boolean whole) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return whole ? (Object) p.getLongValue() : (Object) p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (whole && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
            return d;
        }
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText().strip();
            try {
                BigDecimal n = new BigDecimal(text);
                if (whole) {
                    try {
                        return n.longValueExact();
                    } catch (ArithmeticException notWhole) {
                        return n.doubleValue();
                    }
                }
                return n.doubleValue();
            } catch (NumberFormatException e) {
                switch (text) {
                    case "NaN", "nan" -> {
                        return Double.NaN;
                    }
                    case "Infinity", "inf" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-Infinity", "-inf" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    default -> throw bad(p, "a number");
                }
            }
        }
        throw bad(p, "a number");
    }

    private static EsmondHistogram histogram(JsonParser p) throws IOException {
        EsmondHistogram.Builder buckets = EsmondHistogram.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String bucket = p.currentName();
            JsonToken v = p.nextToken();
            long count;
            if (v == JsonToken.VALUE_NUMBER_INT) {
                count = p.getLongValue();
            } else if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                count = (long) p.getDoubleValue();
            } else if (v == JsonToken.VALUE_STRING) {
                try {
                    count = new BigDecimal(p.getText().strip()).longValue();
                } catch (NumberFormatException e) {
                    throw new BadValue("histogram bucket " + bucket + " has the count '" + p.getText()
                            + "', not a number");
                }
            } else {
                throw new BadValue("histogram bucket " + bucket + " has no count but " + v);
            }
            buckets.add(bucket, count);
        }
        return buckets.build();
    }

    private static List<EsmondSubinterval> subintervals(JsonParser p) throws IOException {
        List<EsmondSubinterval> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new BadValue("subinterval " + list.size() + " is " + t + ", not an object");
            }
            JsonNode n = p.readValueAsTree();
            JsonNode val = n.path("val");
            Number v;
            try {
                v = val.isNumber() ? val.numberValue() : val.isTextual() ? new BigDecimal(val.asText()) : null;
            } catch (NumberFormatException e) {
                throw new BadValue("subinterval " + list.size() + " has the val '" + val.asText() + "', not a number");
            }
            list.add(new EsmondSubinterval(n.path("start").asText(null), n.path("duration").asText(null), v));
        }
        return list;
    }

    private static List<EsmondTraceHop> hops(JsonParser p) throws IOException {
        List<EsmondTraceHop> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                throw new BadValue("hop " + list.size() + " is " + t + ", not an object");
            }
            JsonNode n = p.readValueAsTree();
            list.add(new EsmondTraceHop(text(n, "ttl"), text(n, "query"), text(n, "ip"), text(n, "rtt"), text(n, "mtu"),
                    text(n, "success"), text(n, "error_message")));
        }
        return list;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The server's message of an error body: {@code detail}, else {@code error}, else the text itself (shortened). */
    public static String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n != null && n.isObject()) {
                for (String field : new String[]{ "detail", "error" }) {
                    JsonNode d = n.get(field);
                    if (d != null && !d.isNull()) {
                        return d.isTextual() ? d.asText() : d.toString();
                    }
                }
            }
            if (n != null && (n.isArray() || n.isObject())) {
                return shorten(n.toString());
            }
        } catch (IOException notJson) {
            // an HTML page or plain text
        }
        return shorten(body.strip());
    }

    private static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Opens a parser on a body. */
    public static JsonParser parser(InputStream in) throws IOException {
        return MAPPER.getFactory().createParser(in);
    }
}
