package io.cameltelemetry.pylot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.TelemetryTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock PYLOT on 127.0.0.1 with a dynamic port; every test starts with no stubs. */
abstract class PylotTestSupport extends TelemetryTestSupport {

    @Override
    protected String scheme() {
        return "pylot";
    }

    @Override
    protected boolean recordsSleeps() {
        return false; // real (1 ms) retry waits, as the tests were written
    }

    static final String USER = "user";
    static final String PASSWORD = "password";

    /** Endpoint URI with test credentials, fast retries and the given extra options. */
    static String pylot(String adapter, String options) {
        return uri("pylot", adapter, Map.of("baseUrl", wireMockUrl(), "username", USER, "password", "RAW(" + PASSWORD + ")",
                "retryMaxDelay", "20"), options);
    }

    static void stubOk() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(201)));
    }

    /** The POSTs of measurements only (hides the base's every request). */
    public static List<LoggedRequest> requests() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/api/measurements")));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The spec's Python-printed body as compact JSON in the same key order (Jackson keeps insertion order). */
    static String compact(String pythonJson) throws Exception {
        return MAPPER.readTree(pythonJson).toString();
    }

    static void verifyCount(int n) {
        wireMock.verify(n, postRequestedFor(urlEqualTo("/api/measurements")));
    }

    static WireMock client() {
        return new WireMock("127.0.0.1", wireMock.port());
    }
}
