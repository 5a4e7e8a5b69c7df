package io.cameltelemetry.esmond;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.esmond.model.EsmondPercentage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes on the wire: metadata, points one by one, bulk PUTs grouped by ts, the aggregator, typed refusals. */
class EsmondWriteTest extends EsmondTestSupport {

    private static final String POINTS = ARCHIVE + MK + "/throughput/base";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:collect").aggregate(constant(true), new EsmondAggregationStrategy()).completionSize(4)
                        .to(esmondAuth("bulk", "metadataKey=" + MK));
            }
        };
    }

    private static EsmondMetadata iperf() {
        return new EsmondMetadata().setSubjectType("point-to-point").setSource("10.10.0.1").setDestination("10.10.0.2")
                .setToolName("bwctl/iperf3").setMeasurementAgent("10.10.0.2").setInputSource("host1")
                .setInputDestination("host2").setParameter("time-duration", 30).setParameter("ip-transport-protocol", "tcp")
                .addEventType("throughput").addSummary("packet-count-sent", "aggregation", 3600, 86400);
    }

    private static void stubCreated(String url) {
        wireMock.stubFor(post(urlEqualTo(url)).willReturn(aResponse().withStatus(201)));
    }

    private static JsonNode json(LoggedRequest r) throws Exception {
        return MAPPER.readTree(r.getBodyAsString());
    }

    @Test
    void postMetadataSendsTheDashedJsonWithTheTokenAndAnswersTheArchivesMetadata() throws Exception {
        Map<String, Object> answer = metadata("f6b732e9f351487a96126f0c25e5e546", "10.10.0.1", "10.10.0.2", "throughput");
        wireMock.stubFor(post(urlEqualTo(ARCHIVE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(MAPPER.writeValueAsString(answer))));
        Exchange out = template.send(esmondAuth("postMetadata", ""), e -> e.getIn().setBody(iperf()));
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals("f6b732e9f351487a96126f0c25e5e546", out.getMessage().getHeader(EsmondConstants.METADATA_KEY));
        assertEquals("f6b732e9f351487a96126f0c25e5e546", out.getMessage().getBody(EsmondMetadata.class).getMetadataKey());
        LoggedRequest r = requests().get(0);
        assertEquals("Token " + API_KEY, r.getHeader("Authorization"));
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
        assertEquals(MAPPER.readTree("""
                {"subject-type": "point-to-point", "source": "10.10.0.1", "destination": "10.10.0.2",
                 "measurement-agent": "10.10.0.2", "input-source": "host1", "input-destination": "host2",
                 "tool-name": "bwctl/iperf3",
                 "event-types": [
                   {"event-type": "throughput", "summaries": []},
                   {"event-type": "packet-count-sent", "summaries": [
                       {"summary-type": "aggregation", "summary-window": 3600},
                       {"summary-type": "aggregation", "summary-window": 86400}]}],
                 "time-duration": 30, "ip-transport-protocol": "tcp"}"""), json(r));
    }

    @Test
    void postMetadataTakesMapsAndJsonTextAndIsRetriedBecauseTheServerDeduplicates() throws Exception {
        wireMock.stubFor(post(urlEqualTo(ARCHIVE)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wireMock.stubFor(post(urlEqualTo(ARCHIVE)).inScenario("s").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(MAPPER.writeValueAsString(metadata("K1", "10.0.0.1", "10.0.0.2", "throughput")))));
        Map<String, Object> map = MAPPER.convertValue(iperf(), Map.class);
        map.put("bw-parallel-streams", 2);
        map.put("time-duration", 26.0);
        Exchange out = template.send(esmondAuth("postMetadata", ""), e -> e.getIn().setBody(map));
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(2, requests().size());
        JsonNode sent = json(requests().get(1));
        assertEquals(2, sent.get("bw-parallel-streams").asInt(), "free-form numbers pass through unchanged");
        assertEquals(26.0, sent.get("time-duration").asDouble());
        assertTrue(sent.get("time-duration").isFloatingPointNumber());
        wireMock.resetRequests();
        out = template.send(esmondAuth("postMetadata", ""), e -> e.getIn().setBody(MAPPER.writeValueAsString(iperf())));
        assertEquals("K1", out.getMessage().getHeader(EsmondConstants.METADATA_KEY));
    }

    @Test
    void badMetadataIsRefusedBeforeAnyRequestNamingTheField() {
        Object[][] cases = { { iperf().setSource(null), "source" },
                { iperf().setInputDestination(""), "input-destination" },
                { iperf().setSubjectType("p2p"), "subject-type" },
                { iperf().setMetadataKey("abc"), "metadata-key" },
                { iperf().addEventType("bandwidth"), "event-type" },
                { iperf().addSummary("throughput", "statistics", 60), "summary-type" },
                { iperf().addSummary("packet-loss-rate", "average", 60), "summary-type" },
                { iperf().addSummary("throughput", "aggregations", 60), "summary-type" },
                { iperf().addSummary("failures", "aggregation", 60), "summary-type" },
                { "{\"subject-type\": \"point-to-point\", \"event-types\": [{\"event-type\": \"throughput\", "
                        + "\"summaries\": [{\"summary-type\": \"average\", \"summary-window\": \"1h\"}]}]}", "body" },
                { 42, "body" } };
        for (Object[] c : cases) {
            Exchange out = template.send(esmondAuth("postMetadata", ""), e -> e.getIn().setBody(c[0]));
            EsmondValidationException e = assertInstanceOf(EsmondValidationException.class, out.getException(),
                    String.valueOf(c[0]));
            assertEquals(c[1], e.getField(), e.getMessage());
        }
        // a network element has no destination
        EsmondMetadata ne = iperf().setSubjectType("network-element").setDestination(null).setInputDestination(null);
        wireMock.stubFor(post(urlEqualTo(ARCHIVE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"metadata-key\": \"NE\"}")));
        assertEquals("NE", template.send(esmondAuth("postMetadata", ""), e -> e.getIn().setBody(ne)).getMessage()
                .getHeader(EsmondConstants.METADATA_KEY));
        assertEquals(1, requests().size(), "only the valid one was sent");
    }

    @Test
    void postDataSendsOnePostPerPointInOrderInEveryBodyForm() throws Exception {
        stubCreated(POINTS);
        List<Object> body = List.of(EsmondDataPoint.of(1397075053, 9_400_000_000L),
                Map.of("ts", 1397075113L, "val", "9500000000"), Map.of("ts", "2014-04-09T20:26:13Z", "val", 9.6e9));
        Exchange out = template.send(esmondAuth("postData", "eventType=throughput&metadataKey=" + MK),
                e -> e.getIn().setBody(body));
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(3, out.getMessage().getHeader(EsmondConstants.POINT_COUNT));
        List<String> sent = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            assertEquals("POST", r.getMethod().getName());
            assertEquals(POINTS, r.getUrl());
            assertEquals("Token " + API_KEY, r.getHeader("Authorization"));
            sent.add(r.getBodyAsString());
        }
        assertEquals(List.of("{\"ts\":1397075053,\"val\":9400000000}", "{\"ts\":1397075113,\"val\":9500000000}",
                "{\"ts\":1397075173,\"val\":9600000000}"), sent);
        // a bare value with the timestamp header; the event type and key from headers
        wireMock.resetAll();
        stubCreated(ARCHIVE + "OTHER/packet-loss-rate/base");
        out = template.send(esmondAuth("postData", "eventType=throughput&metadataKey=" + MK), e -> {
            e.getIn().setBody(new EsmondPercentage(11, 33));
            e.getIn().setHeader(EsmondConstants.TIMESTAMP, Instant.ofEpochSecond(1397075053));
            e.getIn().setHeader(EsmondConstants.EVENT_TYPE, "packet-loss-rate");
            e.getIn().setHeader(EsmondConstants.METADATA_KEY, "OTHER");
        });
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals("{\"ts\":1397075053,\"val\":{\"numerator\":11,\"denominator\":33}}",
                requests().get(0).getBodyAsString());
    }

    @Test
    void valuesAreCheckedAgainstTheEventTypesDataTypeBeforeAnyRequest() {
        stubCreated(POINTS);
        Object[][] cases = { { "throughput", 9.5, "value of throughput" },
                { "throughput", "fast", "value of throughput" }, { "throughput", true, "value of throughput" },
                { "ntp-offset", Double.NaN, "value of ntp-offset" },
                { "packet-loss-rate", 0.05, "value of packet-loss-rate" },
                { "packet-loss-rate", Map.of("numerator", 1, "denominator", 0), "value of packet-loss-rate denominator" },
                { "packet-loss-rate", Map.of("numerator", -1, "denominator", 3), "value of packet-loss-rate numerator" },
                { "histogram-owdelay", List.of(1, 2), "value of histogram-owdelay" },
                { "histogram-owdelay", Map.of("34.4", 1.5), "value of histogram-owdelay bucket 34.4" },
                { "throughput-subintervals", List.of(), "value of throughput-subintervals" },
                { "bandwidth", 1, "eventType" } };
        for (Object[] c : cases) {
            List<Object> body = List.of(Map.of("ts", 1397075053, "val", 1_000_000), Map.of("ts", 1397075113, "val", c[1]));
            Exchange out = template.send(esmondAuth("postData", "metadataKey=" + MK + "&eventType=" + c[0]),
                    e -> e.getIn().setBody(c[0].equals("throughput") ? body : List.of(Map.of("ts", 1, "val", c[1]))));
            EsmondValidationException e = assertInstanceOf(EsmondValidationException.class, out.getException(),
                    c[0] + " " + c[1]);
            assertEquals(c[2], e.getField(), e.getMessage());
        }
        Exchange out = template.send(esmondAuth("postData", "metadataKey=" + MK + "&eventType=throughput"),
                e -> e.getIn().setBody(5));
        assertEquals(EsmondConstants.TIMESTAMP,
                assertInstanceOf(EsmondValidationException.class, out.getException()).getField());
        out = template.send(esmondAuth("postData", "eventType=throughput"), e -> e.getIn().setBody(
                EsmondDataPoint.of(1, 1)));
        assertEquals("metadataKey", assertInstanceOf(EsmondValidationException.class, out.getException()).getField());
        assertEquals(0, requests().size(), "nothing was sent for any bad message");
    }

    @Test
    void aDuplicatePointIsATypedConflictNamingTheEventTypeAndTsAndIsNotRetried() {
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201)).willSetStateTo("dup"));
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs("dup")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json").withBody(
                        "{\"detail\": \"Time series value already exists with event type throughput at time 1397075113\"}")));
        Exchange out = template.send(esmondAuth("postData", "maxRetries=3&eventType=throughput&metadataKey=" + MK),
                e -> e.getIn().setBody(List.of(EsmondDataPoint.of(1397075053, 1), EsmondDataPoint.of(1397075113, 2),
                        EsmondDataPoint.of(1397075173, 3))));
        EsmondException.Conflict c = assertInstanceOf(EsmondException.Conflict.class, out.getException());
        assertEquals(409, c.getStatusCode());
        assertEquals("throughput", c.getEventType());
        assertEquals(1397075113L, c.getTs());
        assertTrue(c.getMessage().contains("a throughput point at ts 1397075113 is already stored"), c.getMessage());
        assertEquals(1, out.getMessage().getHeader(EsmondConstants.POINT_COUNT), "the points written before it");
        assertEquals(2, requests().size(), "not retried, the third not sent");
    }

    @Test
    void pointWritesAreRetriedOn503And429BecauseTheArchiveRefusesARepeat() throws Exception {
        // a 503 on every other request, and a 429 once
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up1"));
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs("up1")
                .willReturn(aResponse().withStatus(201)).willSetStateTo("busy"));
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("up2"));
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs("up2")
                .willReturn(aResponse().withStatus(201)));

        Exchange out = template.send(esmondAuth("postData", "maxRetries=3&eventType=throughput&metadataKey=" + MK),
                e -> e.getIn().setBody(List.of(EsmondDataPoint.of(1397075053, 1), EsmondDataPoint.of(1397075113, 2))));

        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(2, out.getMessage().getHeader(EsmondConstants.POINT_COUNT));
        assertEquals(2, out.getMessage().getHeader(EsmondConstants.REQUEST_COUNT));
        List<String> bodies = requests().stream().map(LoggedRequest::getBodyAsString).toList();
        assertEquals(List.of("{\"ts\":1397075053,\"val\":1}", "{\"ts\":1397075053,\"val\":1}",
                "{\"ts\":1397075113,\"val\":2}", "{\"ts\":1397075113,\"val\":2}"), bodies,
                "each point repeated once, in order");
        assertTrue(sleeper.delays().contains(1000L), "the 429's Retry-After in full: " + sleeper.delays());
    }

    @Test
    void aWriteRetriedAfterAnIoErrorThatTheArchiveStoredIsSkippedWithSkipDuplicates() throws Exception {
        // the first POST is stored but its answer is lost; the repeat is refused as a duplicate
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("stored"));
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs("stored")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"detail\": \"Time series value already exists\"}"))
                .willSetStateTo("next"));
        wireMock.stubFor(post(urlEqualTo(POINTS)).inScenario("s").whenScenarioStateIs("next")
                .willReturn(aResponse().withStatus(201)));

        Exchange out = template.send(esmondAuth("postData", "maxRetries=3&skipDuplicates=true&eventType=throughput"
                + "&metadataKey=" + MK),
                e -> e.getIn().setBody(List.of(EsmondDataPoint.of(1397075053, 1), EsmondDataPoint.of(1397075113, 2))));

        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(1, out.getMessage().getHeader(EsmondConstants.POINT_COUNT), "written by this request");
        assertEquals(1, out.getMessage().getHeader(EsmondConstants.SKIPPED_COUNT), "stored by the lost attempt");
        assertEquals(3, requests().size());
    }

    @Test
    void aBulkWriteIsRetriedOn503AndIoErrorsButNotOn500() {
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("503"));
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).inScenario("s").whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201)));
        Exchange out = template.send(esmondAuth("bulk", "maxRetries=3&eventType=throughput&metadataKey=" + MK),
                e -> e.getIn().setBody(List.of(EsmondDataPoint.of(1397075053, 1))));
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(1, out.getMessage().getHeader(EsmondConstants.POINT_COUNT));
        assertEquals(3, requests().size());

        wireMock.resetAll();
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).willReturn(aResponse().withStatus(500)));
        out = template.send(esmondAuth("bulk", "maxRetries=3&eventType=throughput&metadataKey=" + MK),
                e -> e.getIn().setBody(List.of(EsmondDataPoint.of(1397075053, 1))));
        assertEquals(500, assertInstanceOf(EsmondException.class, out.getException()).getStatusCode());
        assertEquals(1, requests().size(), "a 500 may have stored part of the request: Camel's redelivery decides");
    }

    @Test
    void refusedCredentialsAreTypedAndSayWhatToCheck() {
        for (int status : new int[]{ 401, 403 }) {
            wireMock.resetAll();
            wireMock.stubFor(post(urlEqualTo(POINTS)).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(status == 401
                            ? "{\"detail\": \"Invalid token.\"}"
                            : "{\"detail\": \"You do not have permission to perform this action.\"}")));
            Exchange out = template.send(esmondAuth("postData", "maxRetries=3&eventType=throughput&metadataKey=" + MK),
                    e -> e.getIn().setBody(EsmondDataPoint.of(1397075053, 1)));
            EsmondException.Unauthorized u = assertInstanceOf(EsmondException.Unauthorized.class, out.getException());
            assertTrue(u.getMessage().contains(status == 401 ? "check username and apiKey" : "lacks the permission"),
                    u.getMessage());
            assertFalse(u.getMessage().contains(API_KEY));
            assertEquals(1, requests().size());
        }
        // without credentials no Authorization header is sent (a server may trust the client's address)
        wireMock.resetAll();
        stubCreated(POINTS);
        template.send(esmond("postData", "eventType=throughput&metadataKey=" + MK),
                e -> e.getIn().setBody(EsmondDataPoint.of(1397075053, 1)));
        assertNull(requests().get(0).getHeader("Authorization"));
    }

    @Test
    void bulkGroupsByTsInFirstSeenOrderAndSplitsAtPageSize() throws Exception {
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).willReturn(aResponse().withStatus(201)));
        List<EsmondDataPoint> body = List.of(EsmondDataPoint.of(Instant.ofEpochSecond(1397075053), "time-error-estimates", 23),
                EsmondDataPoint.of(Instant.ofEpochSecond(1397075113), "time-error-estimates", 55),
                EsmondDataPoint.of(Instant.ofEpochSecond(1397075053), "packet-loss-rate", Map.of("numerator", 11,
                        "denominator", 33)),
                EsmondDataPoint.of(Instant.ofEpochSecond(1397075173), "throughput", 1),
                EsmondDataPoint.of(Instant.ofEpochSecond(1397075000), "throughput", 2));
        Exchange out = template.send(esmondAuth("bulk", "pageSize=2&metadataKey=" + MK), e -> e.getIn().setBody(body));
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(5, out.getMessage().getHeader(EsmondConstants.POINT_COUNT));
        assertEquals(2, out.getMessage().getHeader(EsmondConstants.REQUEST_COUNT));
        List<LoggedRequest> sent = requests();
        assertEquals("PUT", sent.get(0).getMethod().getName());
        assertEquals("Token " + API_KEY, sent.get(0).getHeader("Authorization"));
        assertEquals(
                MAPPER.readTree(
                        """
                                {"data": [{"ts": 1397075053, "val": [{"event-type": "time-error-estimates", "val": 23},
                                                                     {"event-type": "packet-loss-rate", "val": {"numerator": 11, "denominator": 33}}]},
                                          {"ts": 1397075113, "val": [{"event-type": "time-error-estimates", "val": 55}]}]}"""),
                json(sent.get(0)));
        assertEquals(MAPPER.readTree("""
                {"data": [{"ts": 1397075173, "val": [{"event-type": "throughput", "val": 1}]},
                          {"ts": 1397075000, "val": [{"event-type": "throughput", "val": 2}]}]}"""), json(sent.get(1)));
    }

    @Test
    void theAggregationStrategyBuildsABulkBatchFromValuesWithHeadersAndAPoisonMessageFailsAlone() throws Exception {
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).willReturn(aResponse().withStatus(201)));
        Object[][] messages = { { 9_400_000_000L, "throughput", 1397075053L }, { "bad", "throughput", 1397075053L },
                { 0.02, "ntp-offset", 1397075053L }, { 9_500_000_000L, "throughput", 1397075113L },
                { Map.of("10", 600), "histogram-ttl", 1397075113L } };
        int failed = 0;
        for (Object[] m : messages) {
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(EsmondConstants.EVENT_TYPE, m[1]);
            headers.put(EsmondConstants.TIMESTAMP, m[2]);
            Exchange out = template.send("direct:collect", e -> {
                e.getIn().setBody(m[0]);
                e.getIn().setHeaders(headers);
            });
            if (out.getException() != null) {
                EsmondValidationException e = EsmondMetadataQueryTest.findCause(out.getException(),
                        EsmondValidationException.class);
                assertEquals("value of throughput", e.getField());
                failed++;
            }
        }
        assertEquals(1, failed);
        // the aggregator sends a completed batch on its own thread
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requests().size() == 1);
        List<LoggedRequest> sent = requests();
        assertEquals(1, sent.size());
        assertEquals(MAPPER.readTree("""
                {"data": [{"ts": 1397075053, "val": [{"event-type": "throughput", "val": 9400000000},
                                                     {"event-type": "ntp-offset", "val": 0.02}]},
                          {"ts": 1397075113, "val": [{"event-type": "throughput", "val": 9500000000},
                                                     {"event-type": "histogram-ttl", "val": {"10": 600}}]}]}"""),
                json(sent.get(0)));
    }

    @Test
    void skipDuplicatesMakesARepeatedBatchHarmlessPointByPoint() throws Exception {
        // the archive holds the first two points already (a batch sent again after a crash)
        wireMock.stubFor(put(urlEqualTo(ARCHIVE + MK + "/")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Time series value already "
                        + "exists with event type throughput at time 1397075053\"}")));
        wireMock.stubFor(post(urlEqualTo(POINTS)).willReturn(aResponse().withStatus(201)));
        for (String body : new String[]{ "\"ts\":1397075053", "\"ts\":1397075113" }) {
            wireMock.stubFor(post(urlEqualTo(POINTS)).withRequestBody(
                    WireMock.containing(body)).willReturn(
                            aResponse()
                                    .withStatus(409).withHeader("Content-Type", "application/json")
                                    .withBody("{\"detail\": \"Time series value already exists\"}")));
        }
        List<EsmondDataPoint> batch = List.of(EsmondDataPoint.of(Instant.ofEpochSecond(1397075053), "throughput", 1),
                EsmondDataPoint.of(Instant.ofEpochSecond(1397075113), "throughput", 2),
                EsmondDataPoint.of(Instant.ofEpochSecond(1397075173), "throughput", 3));
        Exchange out = template.send(esmondAuth("bulk", "skipDuplicates=true&metadataKey=" + MK),
                e -> e.getIn().setBody(batch));
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals(1, out.getMessage().getHeader(EsmondConstants.POINT_COUNT));
        assertEquals(2, out.getMessage().getHeader(EsmondConstants.SKIPPED_COUNT));
        assertEquals(4, out.getMessage().getHeader(EsmondConstants.REQUEST_COUNT), "the PUT, then 3 POSTs");
        List<String> posted = requests().stream().filter(r -> r.getMethod().getName().equals("POST"))
                .map(LoggedRequest::getBodyAsString).toList();
        assertEquals(List.of("{\"ts\":1397075053,\"val\":1}", "{\"ts\":1397075113,\"val\":2}",
                "{\"ts\":1397075173,\"val\":3}"), posted);
        // without the option the 409 fails the message
        out = template.send(esmondAuth("bulk", "metadataKey=" + MK), e -> e.getIn().setBody(batch));
        assertInstanceOf(EsmondException.Conflict.class, out.getException());
    }
}
