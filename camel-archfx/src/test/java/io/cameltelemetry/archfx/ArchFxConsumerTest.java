package io.cameltelemetry.archfx;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data consumer: fixed windows, all pages, de-duplication by id, (timestamp, id) order, restart-safe cursor. */
class ArchFxConsumerTest extends ArchFxTestSupport {

    private static final String STREAM = "sl--0000-0001--0000-0000-0000-0abc--5001";
    private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");

    @TempDir
    Path dir;

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    private static String record(long id, String ts, double value) {
        return "{\"id\": " + id + ", \"stream\": \"" + STREAM + "\", \"timestamp\": \"" + ts + "\", \"value\": " + value
                + ", \"int_value\": null, \"streamer_local_id\": " + (100 - id) + "}";
    }

    private static void stubPage(String start, String end, int page, boolean next, String... records) {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/data/")).withQueryParam("filter", equalTo(STREAM))
                .withQueryParam("start", equalTo(start)).withQueryParam("end", equalTo(end))
                .withQueryParam("page_size", equalTo("2")).withQueryParam("page", equalTo(Integer.toString(page)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                        "{\"count\": 4, \"next\": " + (next ? "\"x\"" : "null") + ", \"previous\": null, \"results\": ["
                                + String.join(", ", records) + "]}")));
    }

    private CamelContext start(Object repository, List<String> got, Runnable before) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getRegistry().bind("cursor", repository);
        String uri = archfx("data", "filter=" + STREAM + "&pageSize=2&startTime=2024-01-01T11:00:00&stateRepository=#cursor"
                + "&delay=20&initialDelay=0");
        ctx.getEndpoint(uri, ArchFxEndpoint.class).setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> before.run()).process(e -> got.add(e.getIn().getHeader(ArchFxConstants.DATA_ID)
                        + "@" + e.getIn().getHeader(ArchFxConstants.TIMESTAMP) + "=" + e.getIn().getBody()
                        + " " + e.getIn().getHeader(ArchFxConstants.STREAM)));
            }
        });
        ctx.start();
        return ctx;
    }

    private static List<String> ids(List<String> got) {
        return got.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
    }

    @Test
    void everyPageIsReadDeduplicatedSortedAndARestartNeitherRepeatsNorSkips() throws Exception {
        stubLogin("T1", null);
        String w0 = "2024-01-01T11:00:00Z";
        String end = "2024-01-01T12:00:00Z";
        // by streamer local id, not by time; page 2 repeats record 3 because data arrived meanwhile (page shift)
        stubPage(w0, end, 1, true, record(4, "2024-01-01T11:30:00Z", 4), record(3, "2024-01-01T11:10:00Z", 3));
        stubPage(w0, end, 2, false, record(3, "2024-01-01T11:10:00Z", 3), record(2, "2024-01-01T11:10:00Z", 2),
                record(1, "2024-01-01T10:59:59Z", 1));
        Path file = dir.resolve("cursor.dat");
        List<String> got = new CopyOnWriteArrayList<>();
        CamelContext first = start(FileStateRepository.fileStateRepository(file.toFile()), got, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 3);
        first.stop();
        assertEquals(List.of("2@2024-01-01T11:10:00Z=2.0 " + STREAM, "3@2024-01-01T11:10:00Z=3.0 " + STREAM,
                "4@2024-01-01T11:30:00Z=4.0 " + STREAM), got, "in (timestamp, id) order, once, inside the window");

        // restart: a late record at the last second delivered, and the old ones again
        wireMock.resetAll();
        stubLogin("T1", null);
        String w1 = "2024-01-01T11:30:00Z";
        stubPage(w1, end, 1, false, record(4, "2024-01-01T11:30:00Z", 4), record(5, "2024-01-01T11:30:00Z", 5));
        List<String> again = new CopyOnWriteArrayList<>();
        CamelContext second = start(FileStateRepository.fileStateRepository(file.toFile()), again, () -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !again.isEmpty() && wireMock.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v1/data/")))
                .size() >= 2);
        second.stop();
        assertEquals(List.of("5"), ids(again), "only the new record");
        List<LoggedRequest> data = wireMock.findAll(WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/data/")));
        assertEquals(w1, data.get(0).queryParameter("start").firstValue(), "the window starts at the cursor");
    }

    @Test
    void aFailedExchangeIsPolledAgainAndAPastWindowMovesTheCursor() throws Exception {
        stubLogin("T1", null);
        String w0 = "2024-01-01T11:00:00Z";
        String end = "2024-01-01T12:00:00Z";
        stubPage(w0, end, 1, false, record(1, "2024-01-01T11:10:00Z", 1), record(2, "2024-01-01T11:20:00Z", 2));
        stubPage("2024-01-01T11:10:00Z", end, 1, false, record(1, "2024-01-01T11:10:00Z", 1),
                record(2, "2024-01-01T11:20:00Z", 2));
        MemoryStateRepository cursor = new MemoryStateRepository();
        List<String> got = new CopyOnWriteArrayList<>();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        CamelContext ctx = start(cursor, got, () -> {
            if (got.size() == 1 && failOnce.getAndSet(false)) {
                throw new IllegalStateException("route down");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 2);
        assertEquals("2024-01-01T11:20:00Z|2", cursor.getState("archfx-cursor:" + STREAM));
        ctx.stop();
        assertEquals(List.of("1", "2"), ids(got), "the failed point came again, nothing twice");
        assertTrue(wireMock.findAll(WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/data/")).withQueryParam("start", equalTo("2024-01-01T11:10:00Z"))).size() >= 1);
    }

    @Test
    void aBacklogIsReadWindowByWindow() throws Exception {
        stubLogin("T1", null);
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/data/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"count\": 0, \"next\": null, \"results\": []}")));
        CamelContext ctx = new DefaultCamelContext();
        String uri = archfx("data", "filter=" + STREAM + "&startTime=2023-12-29T12:00:00Z&maxWindow=1d&delay=20"
                + "&initialDelay=0");
        ctx.getEndpoint(uri, ArchFxEndpoint.class).setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).to("log:x");
            }
        });
        ctx.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> wireMock.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v1/data/")))
                .size() >= 3);
        ctx.stop();
        List<String> windows = wireMock.findAll(WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/data/"))).stream().map(r -> r.queryParameter("start").firstValue() + "/"
                        + r.queryParameter("end").firstValue())
                .distinct().toList();
        assertEquals(List.of("2023-12-29T12:00:00Z/2023-12-30T12:00:00Z", "2023-12-30T12:00:00Z/2023-12-31T12:00:00Z",
                "2023-12-31T12:00:00Z/2024-01-01T12:00:00Z"), windows.subList(0, 3));
    }
}
