package io.cameltelemetry.dcs;

import java.io.Closeable;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.dcs.model.DcsReading;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DcsReadingsProducerTest extends DcsTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split").to(dcs("readings", "id=733&periodType=halfHour"))
                        .split(body()).streaming().to("mock:reading");
            }
        };
    }

    @Test
    void publicQueryStringAndListResult() {
        stubReadings("/DCSWebApi/public/readings", SAMPLE);
        Exchange out = template.send(dcs("readings", "id=733&startTime=2021-09-20T18:00:00Z&endTime=2021-09-20T19:00:00Z"
                + "&streaming=false"), e -> {
                });
        assertNull(out.getException());
        wireMock.verify(1, getRequestedFor(urlEqualTo("/DCSWebApi/public/readings?id=R733&format=standard"
                + "&startTime=2021-09-20T18%3A00%3A00Z&endTime=2021-09-20T19%3A00%3A00Z"
                + "&calibrated=true&interpolated=true&periodType=halfHour")));
        LoggedRequest request = requests().get(0);
        assertEquals("application/json", request.getHeader("Accept"));
        assertTrue(request.getHeader("Accept-Encoding").contains("gzip"), request.getHeader("Accept-Encoding"));
        @SuppressWarnings("unchecked")
        List<DcsReading> readings = out.getMessage().getBody(List.class);
        assertEquals(List.of(new DcsReading(Instant.parse("2021-09-20T18:00:00Z"), 9.04, 0, Double.NaN, Double.NaN, null, null),
                new DcsReading(Instant.parse("2021-09-20T18:30:00Z"), 18.04, 1, Double.NaN, Double.NaN, null, null)), readings);
        assertTrue(readings.get(1).isInterpolated());
        assertEquals("Sample meter: Active Energy (import)", out.getMessage().getHeader(DcsConstants.NAME));
        assertEquals("kWh", out.getMessage().getHeader(DcsConstants.UNIT));
        assertEquals(2, out.getMessage().getHeader(DcsConstants.READING_COUNT));
    }

    @Test
    void virtualMeterWithPeriodCountAndHeaderOverrides() {
        stubReadings("/DCSWebApi/public/readings", SAMPLE);
        template.sendBodyAndHeaders(dcs("readings", "id=1&startTime=2020-01-01T00:00:00Z&endTime=2020-01-02T00:00:00Z"
                + "&calibrated=false&interpolated=false&streaming=false"), null,
                Map.of(DcsConstants.ID, "vm9", DcsConstants.START_TIME, Instant.parse("2024-01-01T00:00:00Z"),
                        DcsConstants.END_TIME, "2024-01-08T00:00:00Z", DcsConstants.PERIOD_TYPE, "day"));
        template.sendBodyAndHeaders(dcs("readings", "id=9&isVirtual=true&periodType=hour&streaming=false"), null,
                Map.of(DcsConstants.START_TIME, "2024-01-01T00:00:00Z", DcsConstants.PERIOD_COUNT, 4));
        wireMock.verify(getRequestedFor(urlEqualTo("/DCSWebApi/public/readings?id=VM9&format=standard"
                + "&startTime=2024-01-01T00%3A00%3A00Z&endTime=2024-01-08T00%3A00%3A00Z"
                + "&calibrated=false&interpolated=false&periodType=day")));
        wireMock.verify(getRequestedFor(urlEqualTo("/DCSWebApi/public/readings?id=VM9&format=standard"
                + "&startTime=2024-01-01T00%3A00%3A00Z&periodCount=4"
                + "&calibrated=true&interpolated=true&periodType=hour")));
    }

    @Test
    void completeFormatCarriesTotalAndPeriodValues() {
        stubReadings("/DCSWebApi/public/readings", """
                {"name": "m: r", "unit": "kWh", "readings": [
                  {"timestamp": "2021-09-20T18:00:00+00:00", "totalValue": 10161.5, "periodValue": 10.5, "status": 2}]}""");
        @SuppressWarnings("unchecked")
        List<DcsReading> readings = template.requestBody(dcs("readings", "id=R733&format=complete&streaming=false"
                + "&startTime=2021-09-20T18:00:00Z&periodCount=1"), null, List.class);
        DcsReading r = readings.get(0);
        assertEquals(10161.5, r.totalValue());
        assertEquals(10.5, r.periodValue());
        assertEquals(10.5, r.value());
        assertTrue(r.isReset());
        wireMock.verify(getRequestedFor(urlPathEqualTo("/DCSWebApi/public/readings"))
                .withQueryParam("format", com.github.tomakehurst.wiremock.client.WireMock.equalTo("complete")));
    }

    @Test
    void nanAndInfinityStringsBecomeDoubles() {
        stubReadings("/DCSWebApi/public/readings", """
                {"readings": [{"timestamp": "2021-09-20T18:00:00Z", "value": "NaN", "status": 0},
                              {"timestamp": "2021-09-20T18:30:00Z", "value": "Infinity", "status": 0},
                              {"timestamp": "2021-09-20T19:00:00Z", "value": "-Infinity", "status": 0},
                              {"timestamp": "2021-09-20T19:30:00.5Z", "value": 1e3, "status": 0}]}""");
        @SuppressWarnings("unchecked")
        List<DcsReading> readings = template.requestBody(dcs("readings", "id=1&streaming=false"
                + "&startTime=2021-09-20T18:00:00Z&periodCount=4"), null, List.class);
        assertTrue(Double.isNaN(readings.get(0).value()));
        assertEquals(Double.POSITIVE_INFINITY, readings.get(1).value());
        assertEquals(Double.NEGATIVE_INFINITY, readings.get(2).value());
        assertEquals(1000.0, readings.get(3).value());
        assertEquals(Instant.parse("2021-09-20T19:30:00.500Z"), readings.get(3).timestamp());
    }

    @Test
    void aMultiYearRangeIsReadInAlignedWindowsAsOneResult() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/DCSWebApi/public/readings")).willReturn(aResponse().withStatus(200)
                .withTransformers("response-template")
                .withBody("{\"name\": \"window\", \"endTime\": \"{{request.query.endTime}}\", \"readings\": ["
                        + "{\"timestamp\": \"{{request.query.startTime}}\", \"value\": 1, \"status\": 0}]}")));
        Exchange out = template.send(dcs("readings", "id=733&startTime=2020-01-01T00:00:00Z&endTime=2022-01-01T00:00:00Z"
                + "&streaming=false"), e -> {
                });
        assertNull(out.getException());
        String[][] windows = {
                { "2020-01-01T00:00:00Z", "2020-08-31T16:00:00Z" },
                { "2020-08-31T16:00:00Z", "2021-05-02T08:00:00Z" },
                { "2021-05-02T08:00:00Z", "2022-01-01T00:00:00Z" } };
        List<LoggedRequest> requests = requests();
        assertEquals(3, requests.size());
        @SuppressWarnings("unchecked")
        List<DcsReading> readings = out.getMessage().getBody(List.class);
        for (int i = 0; i < 3; i++) {
            assertEquals("/DCSWebApi/public/readings?id=R733&format=standard&startTime=" + windows[i][0].replace(":", "%3A")
                    + "&endTime=" + windows[i][1].replace(":", "%3A")
                    + "&calibrated=true&interpolated=true&periodType=halfHour", requests.get(i).getUrl());
            assertEquals(Instant.parse(windows[i][0]), readings.get(i).timestamp());
        }
    }

    @Test
    void streamingSplitDeliversEveryReadingAndFreesTheSession() throws Exception {
        stubReadings("/DCSWebApi/public/readings", SAMPLE);
        MockEndpoint mock = getMockEndpoint("mock:reading");
        mock.expectedMessageCount(2);
        template.sendBodyAndHeaders("direct:split", null, Map.of(DcsConstants.START_TIME, "2021-09-20T18:00:00Z",
                DcsConstants.PERIOD_COUNT, 2));
        mock.assertIsSatisfied();
        assertEquals(9.04, mock.getExchanges().get(0).getIn().getBody(DcsReading.class).value());
        // the session is free again: a second request on the same session completes
        mock.reset();
        mock.expectedMessageCount(2);
        template.sendBodyAndHeaders("direct:split", null, Map.of(DcsConstants.START_TIME, "2021-09-20T18:00:00Z",
                DcsConstants.PERIOD_COUNT, 2));
        mock.assertIsSatisfied();
    }

    @Test
    void malformedJsonMidStreamFailsTypedAfterDeliveringTheReadingsBefore() throws Exception {
        stubReadings("/DCSWebApi/public/readings", """
                {"readings": [{"timestamp": "2021-09-20T18:00:00Z", "value": 1, "status": 0},
                              {"timestamp": "2021-09-20T18:30:00Z", "value": 2, "status": 0},
                              {"timestamp": "2021-09-20T19:00:00Z", "value": tru""");
        MockEndpoint mock = getMockEndpoint("mock:reading");
        mock.expectedMessageCount(2);
        Exchange out = template.send("direct:split", e -> {
            e.getIn().setHeader(DcsConstants.START_TIME, "2021-09-20T18:00:00Z");
            e.getIn().setHeader(DcsConstants.PERIOD_COUNT, 3);
        });
        mock.assertIsSatisfied();
        Throwable error = out.getException();
        while (error != null && !(error instanceof TelemetryMalformedResponseException)) {
            error = error.getCause();
        }
        TelemetryMalformedResponseException malformed = assertInstanceOf(TelemetryMalformedResponseException.class, error);
        assertEquals(2, malformed.getItemsBefore());
        assertTrue(malformed.getMessage().contains("/DCSWebApi/public/readings"), malformed.getMessage());
    }

    @Test
    void aSecondCallWhileTheStreamIsOpenFailsFastInsteadOfDeadlocking() throws Exception {
        stubReadings("/DCSWebApi/public/readings", SAMPLE);
        wireMock.stubFor(
                get(urlPathEqualTo("/DCSWebApi/public/meters")).willReturn(aResponse().withStatus(200).withBody("[]")));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:both").to(dcs("readings", "id=733&startTime=2021-09-20T18:00:00Z&periodCount=2"))
                        .to(dcs("meters", ""));
            }
        });
        Exchange out = template.send("direct:both", e -> {
        });
        IllegalStateException error = assertInstanceOf(IllegalStateException.class, out.getException());
        assertTrue(error.getMessage().contains("open streamed readings body"), error.getMessage());
        // the readings body was closed with the exchange: the session is free again
        assertEquals(java.util.List.of(), template.requestBody(dcs("meters", ""), (Object) null));
    }

    @Test
    void theStreamedBodyIsACloseableIterator() throws Exception {
        stubReadings("/DCSWebApi/public/readings", SAMPLE);
        Object body = template.requestBody(dcs("readings", "id=733&startTime=2021-09-20T18:00:00Z&periodCount=2"),
                (Object) null);
        Iterator<?> it = assertInstanceOf(Iterator.class, body);
        assertInstanceOf(Closeable.class, body);
        // the exchange completed, so the iterator was closed and the session released
        assertFalse(it.hasNext());
    }
}
