package io.cameltelemetry.dcs;

import java.time.Instant;
import java.util.List;

import io.cameltelemetry.dcs.model.DcsMeter;
import io.cameltelemetry.dcs.model.DcsReading;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deprecated v3 API: /api/account/login, registerReadings/list, virtualMeterReadings/list. */
class DcsLegacyApiTest extends DcsTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // none: each test sends to its own endpoint
            }
        };
    }

    private void stubLegacyLogin() {
        wireMock.stubFor(post(urlEqualTo("/DCS/api/account/login/")).willReturn(aResponse().withStatus(200)
                .withHeader("Set-Cookie", "COHERENT-DCSV3=legacy-token; Path=/")
                .withBody("{\"username\": \"" + USER + "\", \"role\": \"Viewer\"}")));
        wireMock.stubFor(post(urlEqualTo("/DCS/api/account/logout/")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void registerReadingsWithTheLegacyQueryAndFields() {
        stubLegacyLogin();
        wireMock.stubFor(get(urlPathEqualTo("/DCS/api/registerReadings/list")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        [{"id": 26167735, "startTime": "2019-02-01T00:00:00Z", "duration": 30, "totalValue": 10161.0,
                          "periodValue": 10.0, "isGenerated": false, "isInterpolated": false},
                         {"id": 26167736, "startTime": "2019-02-01T00:30:00Z", "duration": 30, "totalValue": "NaN",
                          "periodValue": 11.5, "isGenerated": true, "isInterpolated": true, "newField": 1}]""")));
        @SuppressWarnings("unchecked")
        List<DcsReading> readings = template.requestBody(dcsAuth("readings", true,
                "id=733&startTime=2019-02-01&endTime=2019-02-02&integrationPeriod=halfHour&decimalPlaces=2"
                        + "&useLocalTime=false&source=merged&streaming=false"),
                null, List.class);
        wireMock.verify(postRequestedFor(urlEqualTo("/DCS/api/account/login/"))
                .withRequestBody(equalToJson("{\"username\": \"" + USER + "\", \"password\": \"" + PASSWORD + "\"}")));
        wireMock.verify(getRequestedFor(urlEqualTo("/DCS/api/registerReadings/list?start=2019-02-01&end=2019-02-02"
                + "&decimalPlaces=2&calibrated=true&interpolated=true&useLocalTime=false"
                + "&integrationPeriod=halfHour&source=merged&registerId=733"))
                .withHeader("Cookie",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("COHERENT-DCSV3=legacy-token")));
        assertEquals(new DcsReading(Instant.parse("2019-02-01T00:00:00Z"), 10.0, 0, 10161.0, 10.0, 30, false), readings.get(0));
        DcsReading second = readings.get(1);
        assertTrue(second.isInterpolated());
        assertTrue(second.generated());
        assertTrue(Double.isNaN(second.totalValue()));
        assertEquals(11.5, second.value());
    }

    @Test
    void virtualMeterReadingsAndMeters() {
        stubLegacyLogin();
        wireMock.stubFor(get(urlPathEqualTo("/DCS/api/virtualMeterReadings/list")).willReturn(aResponse().withStatus(200)
                .withBody("[]")));
        wireMock.stubFor(get(urlEqualTo("/DCS/api/meters")).willReturn(aResponse().withStatus(200).withBody("""
                [{"id": 405, "name": "Sample meter", "registers": [{"id": 733, "name": "Active Energy (import)",
                  "scaleFactor": "", "defaultScaleFactor": "1", "unit": "kWh", "isInstantaneous": false}]}]""")));
        template.requestBody(dcsAuth("readings", true, "id=VM9&startTime=2019-02-04T00:30:00Z&periodCount=2&streaming=false"),
                null, List.class);
        wireMock.verify(getRequestedFor(urlEqualTo("/DCS/api/virtualMeterReadings/list?start=2019-02-04T00%3A30%3A00"
                + "&end=2019-02-04T01%3A30%3A00&calibrated=true&interpolated=true"
                + "&integrationPeriod=halfHour&virtualMeterId=9")));
        @SuppressWarnings("unchecked")
        List<DcsMeter> meters = template.requestBody(dcsAuth("meters", true, ""), null, List.class);
        assertEquals(733, meters.get(0).registers().get(0).id());
        // one sign-in for both endpoints: they share the session; it signs out through the legacy path on stop
        wireMock.verify(1, postRequestedFor(urlEqualTo("/DCS/api/account/login/")));
        context.stop();
        wireMock.verify(1, postRequestedFor(urlEqualTo("/DCS/api/account/logout/")));
    }
}
