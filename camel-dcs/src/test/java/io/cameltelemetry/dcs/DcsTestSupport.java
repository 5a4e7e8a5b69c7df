package io.cameltelemetry.dcs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cameltelemetry.test.TelemetryTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** A Camel context plus a WireMock DCS on 127.0.0.1 with a dynamic port; every test starts with no stubs. */
abstract class DcsTestSupport extends TelemetryTestSupport {

    @Override
    protected String scheme() {
        return "dcs";
    }

    @Override
    protected boolean recordsSleeps() {
        return false; // real (1 ms) retry waits, as the tests were written
    }

    static final String USER = "meteruser";
    static final String PASSWORD = "Dcs-Secret-42";
    /** The spec's sample readings response (public API, standard format). */
    static final String SAMPLE = """
            {"startTime": "2021-09-20T18:00:00Z", "endTime": "2021-09-20T19:00:00Z",
             "name": "Sample meter: Active Energy (import)", "periodType": "halfHour",
             "unit": "kWh", "readingDuration": 0, "somethingNew": {"x": [1, 2]},
             "readings": [{"timestamp": "2021-09-20T18:00:00Z", "value": 9.04, "status": 0},
                          {"timestamp": "2021-09-20T18:30:00Z", "value": 18.04, "status": 1, "extra": true}]}
            """;

    static String base() {
        return wireMockUrl() + "/DCSWebApi";
    }

    static String legacyBase() {
        return wireMockUrl() + "/DCS";
    }

    /** An unauthenticated public-API endpoint with fast retries. */
    static String dcs(String operation, String options) {
        return uri("dcs", operation, Map.of("baseUrl", base(), "retryMaxDelay", "20"), options);
    }

    /** An authenticated endpoint of the given API generation with fast retries. */
    static String dcsAuth(String operation, boolean legacy, String options) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("baseUrl", legacy ? legacyBase() : base());
        defaults.put("username", USER);
        defaults.put("password", "RAW(" + PASSWORD + ")");
        defaults.put("retryMaxDelay", "20");
        if (legacy) {
            defaults.put("apiVersion", "legacy");
        }
        return uri("dcs", operation, defaults, options);
    }

    static void stubSignIn() {
        wireMock.stubFor(post(urlEqualTo("/DCSWebApi/authentication/signin")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "COHERENT-DCS-API=token-1; Path=/; HttpOnly")
                .withHeader("Set-Cookie", "COHERENT-DCS-APIC1=part-2; Path=/; HttpOnly")
                .withBody("{\"username\": \"" + USER + "\", \"role\": \"Operator\", \"appVersion\": \"3.0.0\"}")));
        wireMock.stubFor(post(urlEqualTo("/DCSWebApi/authentication/signout")).willReturn(aResponse().withStatus(204)
                .withHeader("Set-Cookie", "COHERENT-DCS-API=; Path=/")));
    }

    static void stubReadings(String path, String body) {
        wireMock.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

}
