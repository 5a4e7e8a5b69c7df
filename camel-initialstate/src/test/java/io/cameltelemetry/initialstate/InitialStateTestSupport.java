package io.cameltelemetry.initialstate;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.TelemetryTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock Initial State on 127.0.0.1; retries and pacing recorded, never slept. */
abstract class InitialStateTestSupport extends TelemetryTestSupport {

    @Override
    protected String scheme() {
        return "initialstate";
    }

    static final String ACCESS_KEY = "ist_Secret-Access-Key-42";

    /** An endpoint URI with the test key, fast retries, no pacing of our own unless given. */
    static String is(String bucket, String options) {
        return uri("initialstate", bucket, Map.of("baseUrl", wireMockUrl(), "accessKey", "RAW(" + ACCESS_KEY + ")",
                "maxRequestsPerSecond", "0"), options);
    }

    static void stubEvents(int status) {
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(status)));
    }

    static List<LoggedRequest> events() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/api/events")));
    }

}
