package io.cameltelemetry.initialstate;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.RecordingSleeper;
import io.cameltelemetry.test.TestWireMock;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock Initial State on 127.0.0.1; retries and pacing recorded, never slept. */
abstract class InitialStateTestSupport extends CamelTestSupport {

    static final String ACCESS_KEY = "ist_Secret-Access-Key-42";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static WireMockServer wireMock;
    final RecordingSleeper sleeper = new RecordingSleeper();

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

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("initialstate", InitialStateComponent.class).setSleeper(sleeper);
        return context;
    }

    static String baseUrl() {
        return TestWireMock.baseUrl(wireMock);
    }

    /** An endpoint URI with the test key, fast retries, no pacing of our own unless given. */
    static String is(String bucket, String options) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("baseUrl", baseUrl());
        params.put("accessKey", "RAW(" + ACCESS_KEY + ")");
        params.put("retryInitialDelay", "1");
        params.put("retryMaxDelay", "50");
        params.put("maxRequestsPerSecond", "0");
        for (String option : options.isEmpty() ? new String[0] : options.split("&")) {
            int eq = option.indexOf('=');
            params.put(option.substring(0, eq), option.substring(eq + 1));
        }
        StringBuilder uri = new StringBuilder("initialstate:" + bucket + "?");
        params.forEach((k, v) -> uri.append(uri.charAt(uri.length() - 1) == '?' ? "" : "&").append(k).append('=').append(v));
        return uri.toString();
    }

    static void stubEvents(int status) {
        wireMock.stubFor(post(urlEqualTo("/api/events")).willReturn(aResponse().withStatus(status)));
    }

    static List<LoggedRequest> events() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/api/events")));
    }

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }
}
