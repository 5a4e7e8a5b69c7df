package io.cameltelemetry.pylot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.TestWireMock;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock PYLOT on 127.0.0.1 with a dynamic port; every test starts with no stubs. */
abstract class PylotTestSupport extends CamelTestSupport {

    static final String USER = "user";
    static final String PASSWORD = "password";
    static final ObjectMapper MAPPER = new ObjectMapper();

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

    static String baseUrl() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    /** Endpoint URI with test credentials, fast retries and the given extra options. */
    static String pylot(String adapter, String options) {
        return "pylot:" + adapter + "?baseUrl=" + baseUrl() + "&username=" + USER + "&password=RAW(" + PASSWORD + ")"
                + "&retryInitialDelay=1&retryMaxDelay=20" + (options.isEmpty() ? "" : "&" + options);
    }

    static void stubOk() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(201)));
    }

    static List<LoggedRequest> requests() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/api/measurements")));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The spec's Python-printed body as compact JSON in the same key order (Jackson keeps insertion order). */
    static String compact(String pythonJson) throws Exception {
        return MAPPER.readTree(pythonJson).toString();
    }

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    static void verifyCount(int n) {
        wireMock.verify(n, postRequestedFor(urlEqualTo("/api/measurements")));
    }

    static WireMock client() {
        return new WireMock("127.0.0.1", wireMock.port());
    }
}
