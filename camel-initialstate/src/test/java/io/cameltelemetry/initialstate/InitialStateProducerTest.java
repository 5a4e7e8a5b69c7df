package io.cameltelemetry.initialstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.initialstate.model.InitialStateEvent;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire form, bucket creation, flattening vectors and splitting. */
class InitialStateProducerTest extends InitialStateTestSupport {

    @Test
    void aValueGoesOutAsISStreamerSendsItWithTheEpochToTheMicrosecond() throws Exception {
        stubEvents(204);
        Exchange out = template.send(is("greenhouse", ""), e -> {
            e.getIn().setBody(32);
            e.getIn().setHeader(InitialStateConstants.KEY, "temperature");
            e.getIn().setHeader(InitialStateConstants.TIMESTAMP, 1419876021.778477);
        });
        assertNull(out.getException());
        LoggedRequest r = events().get(0);
        assertEquals("[{\"key\":\"temperature\",\"value\":32,\"epoch\":1419876021.778477}]", r.getBodyAsString());
        assertEquals(ACCESS_KEY, r.getHeader("X-IS-AccessKey"));
        assertEquals("greenhouse", r.getHeader("X-IS-BucketKey"));
        assertEquals("<=0.0.4", r.getHeader("Accept-Version"));
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"), r.getHeader("Content-Type"));
        assertTrue(r.getHeader("User-Agent").startsWith("camel-initialstate/"), r.getHeader("User-Agent"));
        assertEquals(1, out.getMessage().getHeader(InitialStateConstants.EVENT_COUNT));
        assertEquals(1, out.getMessage().getHeader(InitialStateConstants.REQUEST_COUNT));
        assertEquals(0, out.getMessage().getHeader(InitialStateConstants.SPILLED_EVENT_COUNT));
    }

    @Test
    void booleansNumbersAndStringsKeepTheirJsonTypesAndEveryEpochFormWorks() throws Exception {
        stubEvents(204);
        String uri = is("b", "key=k");
        template.sendBodyAndHeader(uri, true, InitialStateConstants.TIMESTAMP, "1700000000");
        template.sendBodyAndHeader(uri, "on", InitialStateConstants.TIMESTAMP, Instant.parse("2023-11-14T22:13:20.123456789Z"));
        template.sendBodyAndHeader(uri, 2.5, InitialStateConstants.TIMESTAMP, new java.math.BigDecimal("1700000000.5"));
        template.sendBodyAndHeader(uri, 7L, InitialStateConstants.TIMESTAMP,
                Date.from(Instant.ofEpochMilli(1700000000250L)));
        List<String> bodies = events().stream().map(LoggedRequest::getBodyAsString).toList();
        assertEquals(List.of("[{\"key\":\"k\",\"value\":true,\"epoch\":1700000000}]",
                "[{\"key\":\"k\",\"value\":\"on\",\"epoch\":1700000000.123456}]",
                "[{\"key\":\"k\",\"value\":2.5,\"epoch\":1700000000.5}]",
                "[{\"key\":\"k\",\"value\":7,\"epoch\":1700000000.25}]"), bodies);
    }

    @Test
    void aBucketWithANameIsCreatedAtStartAndAnExistingOneIsKept() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/buckets")).willReturn(aResponse().withStatus(201)));
        stubEvents(204);
        template.sendBodyAndHeader(is("greenhouse", "bucketName=Greenhouse Climate"), 1, InitialStateConstants.KEY, "k");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/buckets")).withHeader("X-IS-AccessKey", equalTo(ACCESS_KEY))
                .withHeader("X-IS-BucketKey", equalTo("greenhouse"))
                .withRequestBody(equalToJson("{\"bucketKey\":\"greenhouse\",\"bucketName\":\"Greenhouse Climate\"}")));

        wireMock.resetRequests();
        wireMock.stubFor(post(urlEqualTo("/api/buckets")).willReturn(aResponse().withStatus(204)));
        Exchange out = template.send(is("other", "bucketName=Other"), e -> {
            e.getIn().setBody(1);
            e.getIn().setHeader(InitialStateConstants.KEY, "k");
        });
        assertNull(out.getException());
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/buckets")));
    }

    @Test
    void aMessageCanNameAnotherBucketWhichIsCreatedOnFirstUse() {
        wireMock.stubFor(post(urlEqualTo("/api/buckets")).willReturn(aResponse().withStatus(201)));
        stubEvents(204);
        for (int i = 0; i < 2; i++) {
            template.sendBodyAndHeaders(is("main", "key=k"), i, Map.of(InitialStateConstants.BUCKET_KEY, "pumps",
                    InitialStateConstants.BUCKET_NAME, "Pump house"));
        }
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/buckets"))
                .withRequestBody(equalToJson("{\"bucketKey\":\"pumps\",\"bucketName\":\"Pump house\"}")));
        wireMock.verify(2, postRequestedFor(urlEqualTo("/api/events")).withHeader("X-IS-BucketKey", equalTo("pumps")));
    }

    public static class Pump {
        public double getPressure() {
            return 1.5;
        }

        public boolean isRunning() {
            return true;
        }

        public String getName() {
            return "north";
        }
    }

    record Valve(String id, int opening) {
    }

    @Test
    void mapsListsAndObjectsAreFlattenedAsLogObjectDoesWithOneEpoch() throws Exception {
        stubEvents(204);
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("b", 2);
        dict.put("a", "x");
        dict.put("nested", Map.of("q", 1));
        String uri = is("b", "");
        template.sendBodyAndHeader(uri, dict, InitialStateConstants.TIMESTAMP, 10);
        template.sendBodyAndHeader(uri, List.of(true, 3), InitialStateConstants.TIMESTAMP, 10);
        template.sendBodyAndHeader(uri, new Pump(), InitialStateConstants.TIMESTAMP, 10);
        template.sendBodyAndHeader(uri, new Valve("v1", 40), InitialStateConstants.TIMESTAMP, 10);
        template.sendBodyAndHeader(uri, new int[]{ 5 }, InitialStateConstants.TIMESTAMP, 10);
        template.sendBodyAndHeaders(uri, List.of(1), Map.of(InitialStateConstants.TIMESTAMP, 10,
                InitialStateConstants.KEY_PREFIX, "p"));
        List<String> bodies = events().stream().map(LoggedRequest::getBodyAsString).toList();
        assertEquals(List.of(
                "[{\"key\":\"dict_b\",\"value\":2,\"epoch\":10},{\"key\":\"dict_a\",\"value\":\"x\",\"epoch\":10},"
                        + "{\"key\":\"dict_nested\",\"value\":\"{\\\"q\\\":1}\",\"epoch\":10}]",
                "[{\"key\":\"list_0\",\"value\":true,\"epoch\":10},{\"key\":\"list_1\",\"value\":3,\"epoch\":10}]",
                "[{\"key\":\"Pump_name\",\"value\":\"north\",\"epoch\":10},{\"key\":\"Pump_pressure\",\"value\":1.5,"
                        + "\"epoch\":10},{\"key\":\"Pump_running\",\"value\":true,\"epoch\":10}]",
                "[{\"key\":\"Valve_id\",\"value\":\"v1\",\"epoch\":10},{\"key\":\"Valve_opening\",\"value\":40,\"epoch\":10}]",
                "[{\"key\":\"list_0\",\"value\":5,\"epoch\":10}]",
                "[{\"key\":\"p_0\",\"value\":1,\"epoch\":10}]"), bodies);
    }

    @Test
    void anEmptyKeyPrefixMeansNoPrefixInTheUriAndAsAHeader() throws Exception {
        stubEvents(204);
        template.sendBodyAndHeader(is("b", "keyPrefix="), Map.of("t", 1), InitialStateConstants.TIMESTAMP, 10);
        template.sendBodyAndHeaders(is("b", "keyPrefix=q"), Map.of("t", 1), Map.of(InitialStateConstants.TIMESTAMP, 10,
                InitialStateConstants.KEY_PREFIX, ""));
        for (LoggedRequest r : events()) {
            assertEquals("t", json(r.getBodyAsString()).get(0).get("key").asText());
        }
        assertEquals(2, events().size());
    }

    @Test
    void anEmptyKeyPrefixInAYamlRouteMeansNoPrefix() throws Exception {
        stubEvents(204);
        String yaml = """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - to:
                            uri: initialstate:b
                            parameters:
                              baseUrl: "%s"
                              accessKey: "RAW(%s)"
                              maxRequestsPerSecond: 0
                              keyPrefix: ""
                """.formatted(wireMockUrl(), ACCESS_KEY);
        PluginHelper.getRoutesLoader(context)
                .loadRoutes(org.apache.camel.support.ResourceHelper.fromString("prefix.yaml", yaml));
        template.sendBodyAndHeader("direct:yaml", Map.of("t", 1), InitialStateConstants.TIMESTAMP, 10);
        assertEquals("[{\"key\":\"t\",\"value\":1,\"epoch\":10}]", events().get(0).getBodyAsString());
    }

    @Test
    void eventsAreSplitAt500AndUnderAMillionBytesInOrder() throws Exception {
        stubEvents(204);
        List<InitialStateEvent> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(InitialStateEvent.of("k", i, Instant.ofEpochSecond(1)));
        }
        Exchange out = template.send(is("b", ""), e -> e.getIn().setBody(many));
        assertEquals(3, out.getMessage().getHeader(InitialStateConstants.REQUEST_COUNT));
        List<Integer> sizes = new ArrayList<>();
        int expected = 0;
        for (LoggedRequest r : events()) {
            sizes.add(json(r.getBodyAsString()).size());
            for (var event : json(r.getBodyAsString())) {
                assertEquals(expected++, event.get("value").asInt());
            }
        }
        assertEquals(List.of(500, 500, 1), sizes);

        wireMock.resetRequests();
        List<InitialStateEvent> big = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            big.add(InitialStateEvent.of("k" + i, "v".repeat(1990), Instant.ofEpochSecond(1)));
        }
        template.sendBody(is("b", ""), big);
        int total = 0;
        for (LoggedRequest r : events()) {
            assertTrue(r.getBody().length <= 1_000_000, "body of " + r.getBody().length + " bytes");
            total += json(r.getBodyAsString()).size();
        }
        assertEquals(600, total);
        assertTrue(events().size() >= 2);
    }

    @Test
    void eventsWithoutEpochTakeTheMessagesEpoch() throws Exception {
        stubEvents(204);
        template.sendBodyAndHeader(is("b", ""), List.of(InitialStateEvent.of("a", 1), InitialStateEvent.of("b", 2,
                Instant.ofEpochSecond(5))), InitialStateConstants.TIMESTAMP, 9);
        var events = json(events().get(0).getBodyAsString());
        assertEquals(9, events.get(0).get("epoch").asInt());
        assertEquals(5, events.get(1).get("epoch").asInt());
    }

    @Test
    void theAggregatorBuffersMessagesIntoOneRequestAndABadMessageFailsAlone() throws Exception {
        stubEvents(204);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:buffer").aggregate(constant(true), new InitialStateAggregationStrategy()).completionSize(3)
                        .to(is("b", ""));
            }
        });
        List<Exchange> failed = new ArrayList<>();
        Object[] bodies = { 1, Double.NaN, 2, Map.of("x", 3) };
        for (Object body : bodies) {
            Exchange out = template.send("direct:buffer", e -> {
                e.getIn().setBody(body);
                e.getIn().setHeader(InitialStateConstants.KEY, "k");
                e.getIn().setHeader(InitialStateConstants.TIMESTAMP, 1);
            });
            if (out.getException() != null) {
                failed.add(out);
            }
        }
        assertEquals(1, failed.size());
        assertInstanceOf(InitialStateValidationException.class, failed.get(0).getException().getCause());
        Awaitility.await().until(() -> events().size() == 1);
        assertEquals("[{\"key\":\"k\",\"value\":1,\"epoch\":1},{\"key\":\"k\",\"value\":2,\"epoch\":1},"
                + "{\"key\":\"dict_x\",\"value\":3,\"epoch\":1}]",
                events().get(0).getBodyAsString());
    }
}
