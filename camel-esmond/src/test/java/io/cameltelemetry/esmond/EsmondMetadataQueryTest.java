package io.cameltelemetry.esmond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metadata search: each filter family's exact query form, offset paging, the metadata model. */
class EsmondMetadataQueryTest extends EsmondTestSupport {

    private String queryOf(String options) throws Exception {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        Exchange out = template.send(esmond("metadata", options), e -> {
        });
        assertNull(out.getException(), () -> String.valueOf(out.getException()));
        List<LoggedRequest> sent = requests();
        assertEquals(1, sent.size());
        String url = sent.get(0).getUrl();
        return url.substring(url.indexOf('?') + 1);
    }

    @Test
    void everyFilterIsSentDashedInTheSpecsOrderMetadataFiltersBeforeTimeFilters() throws Exception {
        String[][] cases = {
                { "source=10.1.1.1", "source=10.1.1.1&limit=1000" },
                { "destination=host2.example.net", "destination=host2.example.net&limit=1000" },
                { "measurementAgent=10.1.1.1", "measurement-agent=10.1.1.1&limit=1000" },
                { "inputSource=host1.example.net", "input-source=host1.example.net&limit=1000" },
                { "inputDestination=host2", "input-destination=host2&limit=1000" },
                { "toolName=bwctl/iperf3", "tool-name=bwctl%2Fiperf3&limit=1000" },
                { "subjectType=network-element", "subject-type=network-element&limit=1000" },
                { "eventType=packet-loss-rate", "event-type=packet-loss-rate&limit=1000" },
                { "eventType=throughput&summaryType=average&summaryWindow=86400",
                        "event-type=throughput&summary-type=average&summary-window=86400&limit=1000" },
                { "metadataKey=f6b732e9", "metadata-key=f6b732e9&limit=1000" },
                { "dnsMatchRule=only-v6", "dns-match-rule=only-v6&limit=1000" },
                { "filter.ip-transport-protocol=tcp&filter.bw-parallel-streams=2",
                        "bw-parallel-streams=2&ip-transport-protocol=tcp&limit=1000" },
                { "time=1397482735", "time=1397482735&limit=1000" },
                { "startTime=1391558400&endTime=1391616000", "time-start=1391558400&time-end=1391616000&limit=1000" },
                { "startTime=2014-02-05T00:00:00Z&timeRange=3600", "time-start=1391558400&time-range=3600&limit=1000" },
                { "endTime=1391616000.9&timeRange=86400", "time-end=1391616000&time-range=86400&limit=1000" },
                { "timeRange=3600&toolName=pscheduler/iperf3&source=10.0.0.1&pageSize=50",
                        "source=10.0.0.1&tool-name=pscheduler%2Fiperf3&time-range=3600&limit=50" } };
        for (String[] c : cases) {
            assertEquals(c[1], queryOf(c[0]), c[0]);
        }
    }

    @Test
    void headersOverrideTheTimeAndEventTypeFilters() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo(ARCHIVE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        template.send(esmond("metadata", "eventType=throughput&startTime=1"), e -> {
            e.getIn().setHeader(EsmondConstants.EVENT_TYPE, "histogram-owdelay");
            e.getIn().setHeader(EsmondConstants.START_TIME, Instant.ofEpochSecond(1391558400));
            e.getIn().setHeader(EsmondConstants.END_TIME, "2014-02-05T16:00:00Z");
        });
        String url = requests().get(0).getUrl();
        assertEquals(ARCHIVE + "?event-type=histogram-owdelay&time-start=1391558400&time-end=1391616000&limit=1000",
                url);
    }

    @Test
    void allPagesAreReadByOffsetUntilTheTotalAndTheModelKeepsEveryField() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(metadata(String.format("%032X", i), "10.0.0." + i, "10.0.1." + i, "packet-count-lost",
                    "histogram-owdelay"));
        }
        all.get(0).put("bw-parallel-streams", "2");
        for (int page = 0; page < 3; page++) {
            List<Map<String, Object>> items = new ArrayList<>(all.subList(page * 2, Math.min(5, page * 2 + 2)));
            Map<String, Object> first = new LinkedHashMap<>(items.get(0));
            first.put("metadata-count-total", 5);
            first.put("metadata-next-page", page < 2 ? "http://x/next" : null);
            first.put("metadata-previous-page", null);
            items.set(0, first);
            stubJson(ARCHIVE + "?tool-name=powstream&limit=2" + (page == 0 ? "" : "&offset=" + page * 2), items);
        }
        Exchange out = template.send(esmond("metadata", "toolName=powstream&pageSize=2"), e -> {
        });
        assertNull(out.getException());
        List<?> body = out.getMessage().getBody(List.class);
        assertEquals(5, body.size());
        assertEquals(5, out.getMessage().getHeader(EsmondConstants.METADATA_COUNT));
        assertEquals(3, requests().size());
        EsmondMetadata m = assertInstanceOf(EsmondMetadata.class, body.get(0));
        assertEquals(String.format("%032X", 0), m.getMetadataKey());
        assertEquals("point-to-point", m.getSubjectType());
        assertEquals("10.0.0.0", m.getSource());
        assertEquals("10.0.1.0", m.getDestination());
        assertEquals("powstream", m.getToolName());
        assertEquals(Map.of("ip-transport-protocol", "udp", "bw-parallel-streams", "2"), m.getParameters(),
                "free-form parameters kept, paging extras dropped");
        assertEquals(List.of("packet-count-lost", "histogram-owdelay"), m.getEventTypeNames());
        assertEquals(ARCHIVE + m.getMetadataKey() + "/histogram-owdelay/base",
                m.eventType("histogram-owdelay").getBaseUri());
        assertEquals(86400, m.eventType("histogram-owdelay").getSummaries().get(0).getSummaryWindow());
        assertEquals(1391615950L, m.eventType("histogram-owdelay").getTimeUpdated());
        // back to esmond's own dashed JSON
        Map<?, ?> json = MAPPER.readValue(MAPPER.writeValueAsString(m), Map.class);
        assertEquals("10.0.0.0", json.get("source"));
        assertEquals("2", json.get("bw-parallel-streams"));
        assertEquals("host-10.0.0.0", json.get("input-source"));
        assertTrue(json.containsKey("event-types"));
        assertFalse(json.containsKey("metadata-count-total"));
    }

    @Test
    void aPageWithoutTotalEndsTheSearchWhenItIsShort() throws Exception {
        stubJson(ARCHIVE + "?limit=2", List.of(metadata("A", "10.0.0.1", "10.0.0.2", "throughput"),
                metadata("B", "10.0.0.1", "10.0.0.3", "throughput")));
        stubJson(ARCHIVE + "?limit=2&offset=2", List.of(metadata("C", "10.0.0.1", "10.0.0.4", "throughput")));
        List<?> body = template.requestBody(esmond("metadata", "pageSize=2"), null, List.class);
        assertEquals(3, body.size());
        assertEquals(2, requests().size());
    }

    @Test
    void badFilterOptionsFailTheEndpointNamingTheOption() {
        String[][] cases = { { "dnsMatchRule=v6-only", "dnsMatchRule" }, { "subjectType=p2p", "subjectType" },
                { "summaryType=sum", "summaryType" }, { "startTime=yesterday", "startTime" },
                { "startTime=200&endTime=100", "startTime" }, { "pageSize=0", "pageSize" },
                { "username=u", "apiKey" }, { "timeRange=-5", "timeRange" } };
        for (String[] c : cases) {
            Exception e = Assertions.assertThrows(Exception.class,
                    () -> context.getEndpoint(esmond("metadata", c[0])).start(), c[0]);
            EsmondValidationException v = findCause(e, EsmondValidationException.class);
            assertEquals(c[1], v.getField(), c[0] + ": " + v.getMessage());
        }
        Exception e = Assertions.assertThrows(Exception.class,
                () -> context.getEndpoint("esmond:metadata?baseUrl=http://host/esmond").start());
        EsmondValidationException v = findCause(e, EsmondValidationException.class);
        assertTrue(v.getMessage().contains("scriptAlias"), v.getMessage());
        e = Assertions.assertThrows(Exception.class,
                () -> context.getEndpoint("esmond:search?baseUrl=http://host"));
        assertEquals("operation", findCause(e, EsmondValidationException.class).getField());
    }

    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + t, t);
    }
}
