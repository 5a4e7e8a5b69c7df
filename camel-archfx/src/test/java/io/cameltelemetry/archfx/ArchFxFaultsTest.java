package io.cameltelemetry.archfx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.report.ArchFxReport;
import io.cameltelemetry.archfx.report.ArchFxReportDecoder;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.test.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ArchFX through its faults: Camel's redelivery of a message split into several reports, a data endpoint that answers
 * the same page forever, a null in a page's results, login answers that are not what the spec says.
 */
class ArchFxFaultsTest extends ArchFxTestSupport {

    private static final String UPLOAD = "/api/v1/streamer/report/";
    private static final String DEVICE = "d--0000-0000-0000-0abc";
    private static final String STREAM = "sl--0000-0001--0000-0000-0000-0abc--5001";
    private static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Test
    void aRedeliveredMessageReusesItsReadingAndReportIdsSoTheCloudDropsWhatItHas() throws Exception {
        stubLogin("T1", null);
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("u")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(201).withBody("{\"count\":3}"))
                .willSetStateTo("second fails"));
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("u").whenScenarioStateIs("second fails")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario("u").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withBody("{\"count\":3}")));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:report").to(archfx("report", "device=" + DEVICE + "&maxReadingsPerReport=3&maxRetries=0"));
            }
        });
        context.start();
        List<ArchFxDataPoint> points = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            points.add(ArchFxDataPoint.of(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i), ArchFxVariableId.of(0x5051),
                    i));
        }

        Exchange out = template.send("direct:report", e -> {
            e.getIn().setBody(points);
            e.getIn().setHeader(ArchFxConstants.SENT_TIMESTAMP, NOW);
        });

        assertNull(out.getException());
        List<ArchFxReport> reports = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            if (r.getUrl().startsWith(UPLOAD)) {
                reports.add(ArchFxReportDecoder.decode(ArchFxReportProducerTest.reportOf(r)));
            }
        }
        // first attempt: report 1 accepted, report 2 failed; the redelivery sends both again with the same ids
        assertEquals(List.of(1L, 2L, 1L, 2L), reports.stream().map(ArchFxReport::reportId).toList());
        assertEquals(List.of(1L, 4L, 1L, 4L), reports.stream().map(ArchFxReport::lowestId).toList());
        assertEquals(List.of(3L, 6L, 3L, 6L), reports.stream().map(ArchFxReport::highestId).toList());
        assertEquals(6L, out.getMessage().getHeader(ArchFxConstants.HIGHEST_ID));
        assertEquals(2L, out.getMessage().getHeader(ArchFxConstants.REPORT_ID));

        // a new message gets new ids
        template.send("direct:report", e -> e.getIn().setBody(points.subList(0, 1)));
        LoggedRequest last = requests().stream().filter(r -> r.getUrl().startsWith(UPLOAD)).reduce((a, b) -> b)
                .orElseThrow();
        ArchFxReport fresh = ArchFxReportDecoder.decode(ArchFxReportProducerTest.reportOf(last));
        assertEquals(7L, fresh.lowestId());
        assertEquals(3L, fresh.reportId());
    }

    private CamelContext poller(List<Object> got, List<Throwable> failures) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getComponent("archfx", ArchFxComponent.class).setSleeper(sleeper);
        ctx.getRegistry().bind("cursor", new MemoryStateRepository());
        String uri = archfx("data", "filter=" + STREAM + "&pageSize=2&maxPages=50&startTime=2024-01-01T11:00:00"
                + "&stateRepository=#cursor&delay=60000&initialDelay=300");
        ctx.getEndpoint(uri, ArchFxEndpoint.class).setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("poll").process(e -> got.add(e.getIn().getHeader(ArchFxConstants.DATA_ID)));
            }
        });
        ctx.start();
        ((DefaultConsumer) ctx.getRoute("poll").getConsumer()).setExceptionHandler(new ExceptionHandler() {
            @Override
            public void handleException(Throwable exception) {
                failures.add(exception);
            }

            @Override
            public void handleException(String message, Throwable exception) {
                failures.add(exception);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable exception) {
                failures.add(exception);
            }
        });
        return ctx;
    }

    private static String record(long id, String ts) {
        return "{\"id\": " + id + ", \"stream\": \"" + STREAM + "\", \"timestamp\": \"" + ts + "\", \"value\": 1}";
    }

    @Test
    void aDataEndpointThatAnswersTheSamePageForeverStopsThePollTypedWithAWarn() throws Exception {
        stubLogin("T1", null);
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/data/")).willReturn(aResponse().withStatus(200).withBody(
                "{\"count\": 99, \"next\": \"https://x/api/v1/data/?page=2\", \"previous\": null, \"results\": ["
                        + record(1,
                                "2024-01-01T11:10:00Z")
                        + ", "
                        + record(2,
                                "2024-01-01T11:11:00Z")
                        + "]}")));
        List<Object> got = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (LogCapture log = LogCapture.start(); CamelContext ctx = poller(got, failures)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
            TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class,
                    failures.get(0));
            assertTrue(e.getMessage().contains("page 2 with a next link but no record that is new (the paging never "
                    + "ends)"),
                    e.getMessage());
            assertEquals(List.of(), got, "nothing delivered: the cursor stays");
            assertEquals(2, wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/data/"))).size());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("ArchFX data poll of " + STREAM
                    + " stopped")),
                    log.lines().toString());
        }
    }

    @Test
    void aNullInsideResultsFailsThePollAndTheRecordsAfterItAreNotLost() throws Exception {
        stubLogin("T1", null);
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/data/")).willReturn(aResponse().withStatus(200).withBody(
                "{\"count\": 4, \"next\": null, \"previous\": null, \"results\": [" + record(1, "2024-01-01T11:10:00Z")
                        + ", null, "
                        + record(2,
                                "2024-01-01T11:11:00Z")
                        + ", "
                        + record(3,
                                "2024-01-01T11:12:00Z")
                        + "]}")));
        List<Object> got = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (CamelContext ctx = poller(got, failures)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
            TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class,
                    failures.get(0));
            assertTrue(e.getMessage().contains("a data page whose results[1] is VALUE_NULL, not a record"),
                    e.getMessage());
            assertEquals(List.of(), got, "the page is read whole before anything is routed: the cursor stays");

            // the server mends its answer: every record arrives
            wireMock.stubFor(get(urlPathEqualTo("/api/v1/data/")).willReturn(aResponse().withStatus(200).withBody(
                    "{\"count\": 3, \"next\": null, \"previous\": null, \"results\": ["
                            + record(1,
                                    "2024-01-01T11:10:00Z")
                            + ", "
                            + record(2,
                                    "2024-01-01T11:11:00Z")
                            + ", "
                            + record(3,
                                    "2024-01-01T11:12:00Z")
                            + "]}")));
            ((org.apache.camel.support.ScheduledPollConsumer) ctx.getRoute("poll").getConsumer()).run();
            assertEquals(List.of(1L, 2L, 3L), got);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text/html|<html><body>Service Unavailable</body></html>|a login answer that is not JSON (text/html)",
            "application/json|{\"jwt\": \"abc|a login answer that is not JSON (application/json)",
            "application/json|{}|a login answer without a jwt",
            "application/json|{\"jwt\": 42}|a login answer whose jwt is number, not a string",
            "application/json|{\"jwt\": null}|a login answer whose jwt is null, not a string",
            "application/json|[\"jwt\"]|a login answer that is a JSON array, not an object" })
    void aLoginAnswerThatIsNotAJwtIsATypedErrorWithoutThePassword(String type, String body, String problem) {
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/login/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", type).withBody(body.replace("abc", "abc " + PASSWORD))));
        context.start();

        Exchange out = template.send(archfx("api", "resource=org&maxRetries=0"), e -> {
        });

        TelemetryMalformedResponseException e = assertInstanceOf(TelemetryMalformedResponseException.class, out.getException());
        assertTrue(e.getMessage().contains("(HTTP 200): " + problem), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertEquals(200, e.getStatusCode());
        assertEquals(0, wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/org/"))).size());
    }
}
