package io.cameltelemetry.esmond;

import java.util.List;
import java.util.Map;

import io.cameltelemetry.common.TelemetryMalformedResponseException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers esmond's spec does not allow, each a typed {@link TelemetryMalformedResponseException} naming the field and the value:
 * never a NumberFormatException, a Jackson or a DateTime exception, a value of the wrong type delivered as a point, or
 * a metadata silently skipped.
 */
class EsmondMalformedAnswersTest extends EsmondTestSupport {

    private static final String WINDOW = "startTime=1391558400&endTime=1391616000";

    private Exception read(String eventType, String data) throws Exception {
        stubJson(ARCHIVE + MK + "/", metadata(MK, "10.0.0.1", "10.0.0.2", eventType));
        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE + MK + "/" + eventType + "/base")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(data)));
        Exchange out = template.send(esmond("data", "streaming=false&eventType=" + eventType + "&metadataKey=" + MK + "&"
                + WINDOW),
                e -> {
                });
        return out.getException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"ts\": \"soon\", \"val\": 1}]|a point's ts 'soon' is not a whole number of seconds",
            "[{\"ts\": 99999999999999999999999, \"val\": 1}]|a point's ts '99999999999999999999999' is not a whole number "
                    + "of seconds in the range of a long",
            "[{\"ts\": 9223372036854775807, \"val\": 1}]|a point's ts 9223372036854775807 is out of the range of a date",
            "[{\"ts\": 1391558410.5, \"val\": 1}]|a point's ts is VALUE_NUMBER_FLOAT ('1391558410.5'), not a whole number",
            "[{\"ts\": 1391558410, \"val\": {\"a\": 1}}]|a point's val {\"a\":1} is not a number (event type throughput, "
                    + "integer)",
            "[{\"ts\": 1391558410, \"val\": [1, 2]}]|a point's val [1,2] is not a number (event type throughput, integer)",
            "[{\"ts\": 1391558410, \"val\": \"12abc\"}]|a point's val '12abc' is not a number (event type throughput, "
                    + "integer)",
            "[{\"ts\": 1391558410, \"val\": true}]|a point's val true is not a number (event type throughput, integer)" })
    void aPointThatDoesNotFitItsEventTypeIsATypedErrorNamingFieldAndValue(String data, String problem) throws Exception {
        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class,
                read("throughput", data));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "histogram-owdelay|[{\"ts\": 1391558410, \"val\": [1]}]|a point's val [1] is not a histogram",
            "histogram-owdelay|[{\"ts\": 1391558410, \"val\": {\"1\": \"many\"}}]|histogram bucket 1 has the count 'many'",
            "packet-loss-rate|[{\"ts\": 1391558410, \"val\": {\"numerator\": \"x\", \"denominator\": 2}}]|is not a ratio",
            "throughput-subintervals|[{\"ts\": 1391558410, \"val\": [{\"start\": \"0\", \"val\": 1}, null]}]|"
                    + "subinterval 1 is "
                    + "VALUE_NULL, not an object",
            "throughput-subintervals|[{\"ts\": 1391558410, \"val\": 5}]|a point's val 5 is not an array of subintervals" })
    void everyDataTypeIsChecked(String eventType, String data, String problem) throws Exception {
        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class,
                read(eventType, data));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "metadata-key|has no metadata-key (10.0.0.1 -> 10.0.0.2)",
            "event-type|has an event-types[0] without an event-type" })
    void aMetadataWithoutItsKeyOrAnEventTypeIsATypedError(String missing, String problem) throws Exception {
        Map<String, Object> m = new java.util.LinkedHashMap<>(metadata(MK, "10.0.0.1", "10.0.0.2", "throughput"));
        if (missing.equals("metadata-key")) {
            m.remove("metadata-key");
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> et = (Map<String, Object>) ((List<?>) m.get("event-types")).get(0);
            et.put("event-type", null);
        }
        stubJson(ARCHIVE + "?event-type=throughput&limit=1000", List.of(m));

        Exchange out = template.send(esmond("metadata", "eventType=throughput"), e -> {
        });

        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class, out.getException());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void anArchiveThatIgnoresOffsetForMetadataIsATypedErrorNotAnEndlessLoop() throws Exception {
        Object page = List.of(metadata(MK, "10.0.0.1", "10.0.0.2", "throughput"));
        stubJson(ARCHIVE + "?event-type=throughput&limit=1", page);
        stubJson(ARCHIVE + "?event-type=throughput&limit=1&offset=1", page);

        Exchange out = template.send(esmond("metadata", "eventType=throughput&pageSize=1"), e -> {
        });

        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class, out.getException());
        assertTrue(e.getMessage().contains("the metadata " + MK + " again at offset 1 (the archive ignored offset)"),
                e.getMessage());
        Assertions.assertEquals(2, requests().size());
    }
}
