package io.cameltelemetry.archfx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock ArchFX on 127.0.0.1; retries recorded, never slept. */
abstract class ArchFxTestSupport extends CamelTestSupport {

    static final String EMAIL = "ops@factory.example";
    static final String PASSWORD = "Arch-Secret-Pass-42";
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
        context.getComponent("archfx", ArchFxComponent.class).setSleeper(sleeper);
        return context;
    }

    static String domain() {
        return TestWireMock.baseUrl(wireMock);
    }

    /** An endpoint URI with the test credentials and fast retries; options as a=b&c=d. */
    static String archfx(String operation, String options) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("domain", domain());
        params.put("email", EMAIL);
        params.put("password", "RAW(" + PASSWORD + ")");
        params.put("retryInitialDelay", "1");
        params.put("retryMaxDelay", "50");
        for (String option : options.isEmpty() ? new String[0] : options.split("&")) {
            int eq = option.indexOf('=');
            params.put(option.substring(0, eq), option.substring(eq + 1));
        }
        params.values().removeIf(v -> v.equals("-"));
        StringBuilder uri = new StringBuilder("archfx:" + operation + "?");
        params.forEach((k, v) -> uri.append(uri.charAt(uri.length() - 1) == '?' ? "" : "&").append(k).append('=')
                .append(v));
        return uri.toString();
    }

    static void stubLogin(String jwt, String refresh) {
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/login/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"jwt\": \"" + jwt + "\""
                        + (refresh == null ? "" : ", \"jwt_refresh_token\": \"" + refresh + "\"")
                        + ", \"username\": \"ops\"}")));
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/logout/")).willReturn(aResponse().withStatus(204)));
    }

    static List<LoggedRequest> requests() {
        return wireMock.findAll(anyRequestedFor(anyUrl()));
    }

    static List<LoggedRequest> requests(String url) {
        return requests().stream().filter(r -> r.getUrl().equals(url)).toList();
    }
}
