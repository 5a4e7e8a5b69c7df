package io.cameltelemetry.archfx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.report.ArchFxReport;
import io.cameltelemetry.archfx.report.ArchFxReportDecoder;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.util.ObjectHelper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports on the wire: the multipart body, the ids, several reports in order, retries, the aggregator. */
class ArchFxReportProducerTest extends ArchFxTestSupport {

    private static final String UPLOAD = "/api/v1/streamer/report/";
    private static final String DEVICE = "d--0000-0000-0000-0abc";

    @TempDir
    Path dir;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:collect").aggregate(constant(true), new ArchFxAggregationStrategy()).completionSize(3)
                        .to(archfx("report", "device=0abc"));
            }
        };
    }

    private static void stubUpload() {
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"count\": 2}")));
    }

    /** The report bytes of an upload, after checking the multipart framing exactly. */
    static byte[] reportOf(LoggedRequest r) {
        Matcher m = Pattern.compile("multipart/form-data; boundary=([0-9a-f]{32})").matcher(r.getHeader("Content-Type"));
        assertTrue(m.matches(), r.getHeader("Content-Type"));
        String boundary = m.group(1);
        byte[] body = r.getBody();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.mp\""
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(head, Arrays.copyOf(body, head.length), "one part, file, report.mp, no part content type");
        assertArrayEquals(tail, Arrays.copyOfRange(body, body.length - tail.length, body.length));
        return Arrays.copyOfRange(body, head.length, body.length - tail.length);
    }

    @Test
    void aReportIsUploadedAsTheReferenceUploadsIt() throws Exception {
        stubLogin("T1", null);
        stubUpload();
        List<Object> body = List.of(Map.of("timestamp", "2021-01-20T00:00:00.1", "stream", "0001-5030", "value", 2,
                "summaryData", Map.of("foo", 5)), Map.of("timestamp", 1611100800200L, "stream", 0x5051, "value", "NaN"));
        Exchange out = template.send(archfx("report", "device=d--0abc&streamer=255"), e -> {
            e.getIn().setBody(body);
            e.getIn().setHeader(ArchFxConstants.SENT_TIMESTAMP, Instant.parse("2021-01-20T00:00:00Z"));
            e.getIn().setHeader(ArchFxConstants.REPORT_ID, 1003L);
        });
        assertNull(out.getException(), String.valueOf(out.getException()));
        LoggedRequest upload = requests().stream().filter(r -> r.getUrl().startsWith(UPLOAD)).findFirst().orElseThrow();
        assertEquals(UPLOAD + "?timestamp=2021-01-20T00%3A00%3A00%2B00%3A00", upload.getUrl());
        assertEquals("jwt T1", upload.getHeader("Authorization"));
        ArchFxReport report = ArchFxReportDecoder.decode(reportOf(upload));
        assertEquals(0xabc, report.device());
        assertEquals(255, report.streamerIndex());
        assertEquals(65535, report.streamerSelector());
        assertEquals(1003, report.reportId());
        assertEquals("2021-01-20T00:00:00+00:00", report.sentTimestamp());
        assertEquals(List.of(1L, 2L), report.events().stream().map(ArchFxDataPoint::readingId).toList(),
                "fresh ids from 1");
        assertEquals(ArchFxVariableId.of(0x15030), report.events().get(0).stream());
        assertEquals(Instant.parse("2021-01-20T00:00:00.100Z"), report.events().get(0).timestamp(), "naive is UTC");
        assertTrue(Double.isNaN(report.events().get(1).value()));
        assertEquals(Map.of("foo", 5L), report.events().get(0).summaryData());
        assertEquals(1003L, out.getMessage().getHeader(ArchFxConstants.REPORT_ID));
        assertEquals(2, out.getMessage().getHeader(ArchFxConstants.READING_COUNT));
        assertEquals(1L, out.getMessage().getHeader(ArchFxConstants.LOWEST_ID));
        assertEquals(2L, out.getMessage().getHeader(ArchFxConstants.HIGHEST_ID));
        assertEquals(2L, out.getMessage().getHeader(ArchFxConstants.ACCEPTED_COUNT));
    }

    @Test
    void aLargeBatchIsSeveralReportsInOrderWithGrowingIdsThatSurviveARestart() throws Exception {
        Path ids = dir.resolve("ids.dat");
        for (int run = 0; run < 2; run++) {
            wireMock.resetAll();
            stubLogin("T1", null);
            stubUpload();
            try (CamelContext ctx = new DefaultCamelContext()) {
                ctx.getComponent("archfx", ArchFxComponent.class).setSleeper(sleeper);
                ctx.getRegistry().bind("ids", FileStateRepository.fileStateRepository(ids.toFile()));
                ctx.start();
                List<ArchFxDataPoint> points = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    points.add(ArchFxDataPoint.of(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i),
                            ArchFxVariableId.of(0x5051), i));
                }
                Exchange out = ctx.createProducerTemplate().send(archfx("report", "device=" + DEVICE
                        + "&maxReadingsPerReport=10&idRepository=#ids"), e -> e.getIn().setBody(points));
                assertNull(out.getException(), String.valueOf(out.getException()));
                assertEquals(3, out.getMessage().getHeader(ArchFxConstants.REPORT_COUNT));
                assertEquals(6L, out.getMessage().getHeader(ArchFxConstants.ACCEPTED_COUNT), "the sum of the counts");
            }
            List<ArchFxReport> reports = new ArrayList<>();
            for (LoggedRequest r : requests()) {
                if (r.getUrl().startsWith(UPLOAD)) {
                    reports.add(ArchFxReportDecoder.decode(reportOf(r)));
                }
            }
            assertEquals(List.of(10, 10, 5), reports.stream().map(r -> r.events().size()).toList());
            long base = run * 25L;
            assertEquals(List.of(base + 1, base + 11, base + 21), reports.stream().map(ArchFxReport::lowestId).toList(),
                    "run " + run + ": ids go on after a restart");
            assertEquals(List.of(run * 3L + 1, run * 3L + 2, run * 3L + 3), reports.stream().map(ArchFxReport::reportId)
                    .toList(), "report ids too");
        }
    }

    @Test
    void aReportEndpointWithoutAnIdStoreRefusesToStartAndSaysHowToConfigureOne() throws Exception {
        wireMock.resetAll();
        CamelContext ctx = new DefaultCamelContext();
        try {
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:points").routeId("no-id-store").to(archfx("report", "device=" + DEVICE
                            + "&idRepository=-"));
                }
            });
            Exception failed = assertThrows(Exception.class, ctx::start);
            ArchFxValidationException cause = assertInstanceOf(ArchFxValidationException.class,
                    ObjectHelper.getException(ArchFxValidationException.class, failed), String.valueOf(failed));
            assertEquals("idRepository", cause.getField());
            assertTrue(cause.getMessage().contains("idRepository=#<a FileStateRepository>"), cause.getMessage());
            assertTrue(cause.getMessage().contains("idAllocator=#<a io.cameltelemetry.common.state.JdbcIdAllocator>"),
                    cause.getMessage());
            assertEquals(0, requests().size(), "nothing was sent, not even a login");
        } finally {
            ctx.stop();
        }
    }

    @Test
    void givenReadingIdsAreKeptAndRaiseTheCounter() throws Exception {
        stubLogin("T1", null);
        stubUpload();
        template.sendBody(archfx("report", "device=" + DEVICE), List.of(
                new ArchFxDataPoint(Instant.EPOCH, ArchFxVariableId.of(1), 1, null, null, 500),
                ArchFxDataPoint.of(Instant.EPOCH, ArchFxVariableId.of(1), 2)));
        template.sendBody(archfx("report", "device=" + DEVICE), ArchFxDataPoint.of(Instant.EPOCH, ArchFxVariableId.of(1),
                3));
        List<List<Long>> ids = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            if (r.getUrl().startsWith(UPLOAD)) {
                ids.add(ArchFxReportDecoder.decode(reportOf(r)).events().stream().map(ArchFxDataPoint::readingId)
                        .toList());
            }
        }
        assertEquals(List.of(List.of(500L, 501L), List.of(502L)), ids);
    }

    @Test
    void uploadsAreRetriedOn5xxAnd429BecauseTheCloudIgnoresIdsItHas() throws Exception {
        stubLogin("T1", null);
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("u").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("busy"));
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("u").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("u").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withBody("{\"count\": 1}")));
        Exchange out = template.send(archfx("report", "device=" + DEVICE + "&maxRetries=3&retryMaxDelay=2000"),
                e -> e.getIn().setBody(ArchFxDataPoint.of(Instant.EPOCH, ArchFxVariableId.of(1), 1)));
        assertNull(out.getException(), String.valueOf(out.getException()));
        List<byte[]> bodies = requests().stream().filter(r -> r.getUrl().startsWith(UPLOAD)).map(r -> reportOf(r))
                .toList();
        assertEquals(3, bodies.size());
        assertArrayEquals(bodies.get(0), bodies.get(2), "the same report, the same ids");
        assertTrue(sleeper.delays().contains(1000L), String.valueOf(sleeper.delays()));
    }

    @Test
    void badInputFailsBeforeAnyUploadNamingTheField() {
        stubLogin("T1", null);
        stubUpload();
        Object[][] cases = { { List.of(Map.of("stream", 1, "value", 1)), "timestamp" },
                { List.of(Map.of("timestamp", "2021-01-20T00:00:00Z", "value", 1)), "stream" },
                { List.of(Map.of("timestamp", "2021-01-20T00:00:00Z", "stream", "zz-top", "value", 1)), "stream" },
                { List.of(Map.of("timestamp", "2021-01-20T00:00:00Z", "stream", 1, "value", "high")), "value" },
                { List.of(Map.of("timestamp", "2021-01-20T00:00:00Z", "stream", 1, "value", 1, "summaryData",
                        Map.of("value", 2))), "summaryData" },
                { 42, ArchFxConstants.STREAM }, { "[{\"timestamp\": 1}", "body" } };
        for (Object[] c : cases) {
            Exchange out = template.send(archfx("report", "device=" + DEVICE), e -> e.getIn().setBody(c[0]));
            ArchFxValidationException e = assertInstanceOf(ArchFxValidationException.class, out.getException(),
                    String.valueOf(c[0]));
            assertEquals(c[1], e.getField(), e.getMessage());
        }
        Exchange out = template.send(archfx("report", ""), e -> e.getIn().setBody(ArchFxDataPoint.of(Instant.EPOCH,
                ArchFxVariableId.of(1), 1)));
        assertEquals("device", assertInstanceOf(ArchFxValidationException.class, out.getException()).getField());
        assertTrue(requests().stream().noneMatch(r -> r.getUrl().startsWith(UPLOAD)));
    }

    @Test
    void theAggregationStrategyBatchesValuesWithHeadersAndAPoisonMessageFailsAlone() throws Exception {
        stubLogin("T1", null);
        stubUpload();
        Object[][] messages = { { 21.5, "5001", "2024-01-01T00:00:00Z" }, { "warm", "5001", "2024-01-01T00:00:01Z" },
                { true, "5002", "2024-01-01T00:00:02Z" }, { 22, "0001-5001", Instant.parse("2024-01-01T00:00:03Z") } };
        int failed = 0;
        for (Object[] m : messages) {
            Exchange out = template.send("direct:collect", e -> {
                e.getIn().setBody(m[0]);
                e.getIn().setHeader(ArchFxConstants.STREAM, m[1]);
                e.getIn().setHeader(ArchFxConstants.TIMESTAMP, m[2]);
            });
            failed += out.getException() == null ? 0 : 1;
        }
        assertEquals(1, failed);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> requests().stream().anyMatch(r -> r.getUrl().startsWith(UPLOAD)));
        LoggedRequest upload = requests().stream().filter(r -> r.getUrl().startsWith(UPLOAD)).findFirst().orElseThrow();
        ArchFxReport report = ArchFxReportDecoder.decode(reportOf(upload));
        assertEquals(List.of(21.5, 1.0, 22.0), report.events().stream().map(ArchFxDataPoint::value).toList());
        assertEquals(List.of(0x5001L, 0x5002L, 0x15001L), report.events().stream().map(p -> p.stream().id()).toList());
    }

    @Test
    void withAnIdRepositoryTheStrategyNumbersPointsSoABatchSentAgainCarriesTheSameIds() throws Exception {
        stubLogin("T1", null);
        stubUpload();
        MemoryStateRepository ids = new MemoryStateRepository();
        ArchFxAggregationStrategy strategy = new ArchFxAggregationStrategy();
        strategy.setIdRepository(ids);
        strategy.setDevice("0abc");
        Exchange batch = null;
        for (int i = 0; i < 2; i++) {
            Exchange e = new DefaultExchange(context);
            e.getIn().setBody(ArchFxDataPoint.of(Instant.EPOCH.plusSeconds(i), ArchFxVariableId.of(1), i));
            batch = strategy.aggregate(batch, e);
        }
        ArchFxBatch body = batch.getIn().getBody(ArchFxBatch.class);
        assertEquals(List.of(1L, 2L), body.points().stream().map(ArchFxDataPoint::readingId).toList());
        context.getRegistry().bind("ids", ids);
        for (int send = 0; send < 2; send++) {
            template.sendBody(archfx("report", "device=" + DEVICE + "&idRepository=#ids"), body);
        }
        List<List<Long>> sent = requests().stream().filter(r -> r.getUrl().startsWith(UPLOAD))
                .map(r -> reportOf(r)).map(b -> {
                    try {
                        return ArchFxReportDecoder.decode(b).events().stream().map(ArchFxDataPoint::readingId).toList();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
        assertEquals(List.of(List.of(1L, 2L), List.of(1L, 2L)), sent, "the same ids: the cloud ignores the repeat");
    }
}
