package io.cameltelemetry.dcs;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.TestWireMock;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** A Camel context plus a WireMock DCS on 127.0.0.1 with a dynamic port; every test starts with no stubs. */
abstract class DcsTestSupport extends CamelTestSupport {

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

    static WireMockServer wireMock;

    @BeforeAll
    static void startWireMock() {
        wireMock = TestWireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void resetWireMock() {
        wireMock.resetAll();
    }

    static String base() {
        return "http://127.0.0.1:" + wireMock.port() + "/DCSWebApi";
    }

    static String legacyBase() {
        return "http://127.0.0.1:" + wireMock.port() + "/DCS";
    }

    /** An unauthenticated public-API endpoint with fast retries. */
    static String dcs(String operation, String options) {
        return "dcs:" + operation + "?baseUrl=" + base() + "&retryInitialDelay=1&retryMaxDelay=20"
                + (options.isEmpty() ? "" : "&" + options);
    }

    /** An authenticated endpoint of the given API generation with fast retries. */
    static String dcsAuth(String operation, boolean legacy, String options) {
        return "dcs:" + operation + "?baseUrl=" + (legacy ? legacyBase() : base()) + "&username=" + USER
                + "&password=RAW(" + PASSWORD + ")&retryInitialDelay=1&retryMaxDelay=20"
                + (legacy ? "&apiVersion=legacy" : "") + (options.isEmpty() ? "" : "&" + options);
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

    static List<LoggedRequest> requests() {
        return wireMock.findAll(anyRequestedFor(anyUrl()));
    }
}
