package io.cameltelemetry.pylot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.pylot.model.Measurement;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One bad value must not sink a batch: out-of-range values and years, and rows PYLOT refuses. */
class PylotBadValuesTest extends PylotTestSupport {

    static final LocalDateTime T = LocalDateTime.of(2024, 5, 1, 12, 0);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(pylot("A", "node=Zone 1&metric=220"));
                from("direct:batch").aggregate(constant(true), new PylotAggregationStrategy()).completionSize(19)
                        .to(pylot("A", "maxRetries=0"));
            }
        };
    }

    private PylotValidationException rejected(Object body, Map<String, Object> headers) {
        stubOk();
        Exchange out = template.send("direct:send", e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new HashMap<>(headers));
        });
        verifyCount(0);
        return assertInstanceOf(PylotValidationException.class, out.getException(), String.valueOf(body));
    }

    @Test
    void valuesBeyondTheRangeOfADoubleAreRejectedBeforeAnythingIsSent() {
        for (Object bad : new Object[]{ new BigDecimal("1e400"), "1e400", "-1E+400", BigInteger.TEN.pow(400) }) {
            PylotValidationException e = rejected(bad, Map.of());
            assertEquals("value", e.getField());
            assertTrue(e.getMessage().contains("beyond the range of a double"), e.getMessage());
        }
    }

    @Test
    void oneOutOfRangeValueInAnAggregatedBatchCostsOnlyItsOwnMessage() throws Exception {
        stubOk();
        List<Exchange> failed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Object value = i == 7 ? "1e400" : String.valueOf(i);
            int n = i;
            Exchange out = template.send("direct:batch", e -> {
                e.getIn().setBody(value);
                e.getIn().setHeader(PylotConstants.NODE, "N" + n);
                e.getIn().setHeader(PylotConstants.METRIC, "m");
                e.getIn().setHeader(PylotConstants.TIMESTAMP, T);
            });
            if (out.getException() != null) {
                failed.add(out);
            }
        }
        assertEquals(1, failed.size());
        assertInstanceOf(PylotValidationException.class, failed.get(0).getException().getCause());
        // the completed batch is sent on the aggregator's thread
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requests().size() == 1);
        List<LoggedRequest> requests = requests();
        assertEquals(19, json(requests.get(0).getBodyAsString()).size(), "the 19 good measurements were sent");
        assertFalse(requests.get(0).getBodyAsString().contains("\"N7\""));
    }

    @Test
    void timestampsOutsideYears0000To9999AreATypedErrorNamingTheTimestamp() {
        for (Object bad : new Object[]{ LocalDateTime.of(10000, 1, 1, 0, 0), LocalDateTime.of(-5, 1, 1, 0, 0),
                Long.MAX_VALUE, Long.MIN_VALUE, "+10000-01-01T00:00:00" }) {
            PylotValidationException e = rejected(1, Map.of(PylotConstants.TIMESTAMP, bad));
            assertEquals("timestamp", e.getField(), String.valueOf(bad));
            assertTrue(e.getMessage().contains("years 0000 to 9999"), e.getMessage());
        }
        PylotValidationException e = rejected(Measurement.of("N", LocalDateTime.of(10000, 1, 1, 0, 0), "m", 1), Map.of());
        assertEquals("timestamp", e.getField());
    }

    @Test
    void aRefusedRowIsFoundBySplittingTheRequestAndEveryOtherRowIsSent() throws Exception {
        stubOk();
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).atPriority(1)
                .withRequestBody(containing("\"node\":\"bad\""))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"unknown node bad\"}")));
        List<Measurement> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(Measurement.of(i == 13 ? "bad" : "N" + i, T, "m", i));
        }

        Exchange out = template.send("direct:send", e -> e.getIn().setBody(batch));

        PylotRowsRefusedException e = assertInstanceOf(PylotRowsRefusedException.class, out.getException());
        assertEquals(400, e.getStatusCode());
        assertEquals(19, e.getRowsSent());
        assertEquals(1, e.getRefusedRows().size());
        PylotRowsRefusedException.RefusedRow refused = e.getRefusedRows().get(0);
        assertEquals("bad", refused.node());
        assertEquals(13, refused.data().get("m").intValue());
        assertEquals("{\"error\":\"unknown node bad\"}", refused.reason());
        assertTrue(refused.isolated());
        assertTrue(e.getMessage().startsWith("HTTP operation failed invoking " + wireMockUrl() + "/api/measurements with "
                + "statusCode: 400. PYLOT refused 1 rows (HTTP 400) of 20; the other 19 were sent. node 'bad' at "
                + "2024-05-01T12:00:00 {m=13}: {\"error\":\"unknown node bad\"}"),
                e.getMessage());
        // every good row reached PYLOT in an accepted request
        List<String> accepted = new ArrayList<>();
        int requests = 0;
        for (LoggedRequest r : requests()) {
            requests++;
            if (!r.getBodyAsString().contains("\"node\":\"bad\"")) {
                json(r.getBodyAsString()).forEach(row -> accepted.add(row.get("node").asText()));
            }
        }
        assertEquals(19, accepted.size());
        assertEquals(19, accepted.stream().distinct().count());
        assertTrue(requests <= 1 + 2 * 5, "bounded: " + requests + " requests");
    }

    @Test
    void theSplitBudgetBoundsTheExtraRequestsAndStillListsEveryRefusedRow() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/measurements"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"adapter not registered\"}")));
        List<Measurement> batch = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            batch.add(Measurement.of("N" + i, T, "m", i));
        }

        Exchange out = template.send("direct:send", e -> e.getIn().setBody(batch));

        PylotRowsRefusedException e = assertInstanceOf(PylotRowsRefusedException.class, out.getException());
        assertEquals(450, e.getRefusedRows().size());
        assertEquals(0, e.getRowsSent());
        assertTrue(e.getRefusedRows().stream().anyMatch(r -> !r.isolated()));
        verifyCount(1 + 64);
        assertNull(out.getMessage().getHeader(PylotConstants.ROW_COUNT));
    }
}
