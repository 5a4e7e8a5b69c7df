package io.cameltelemetry.archfx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.TelemetryTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock ArchFX on 127.0.0.1; retries recorded, never slept. */
abstract class ArchFxTestSupport extends TelemetryTestSupport {

    @Override
    protected String scheme() {
        return "archfx";
    }

    static final String EMAIL = "ops@factory.example";
    static final String PASSWORD = "Arch-Secret-Pass-42";

    /** The in-memory id store the report endpoints of the test context use unless a test names another. */
    static final String TEST_IDS = "testIds";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind(TEST_IDS, new MemoryStateRepository());
        return context;
    }

    /**
     * An endpoint URI with the test credentials and fast retries; options as a=b&c=d ("-" removes one). A report
     * endpoint without an id store of its own gets the test context's in-memory one ({@code archfx:report} does not
     * start without one).
     */
    static String archfx(String operation, String options) {
        Map<String, String> defaults = new HashMap<>(Map.of("baseUrl", wireMockUrl(), "email", EMAIL, "password",
                "RAW(" + PASSWORD + ")"));
        if ("report".equals(operation) && !options.contains("idAllocator=")) {
            defaults.put("idRepository", "#" + TEST_IDS);
        }
        return uri("archfx", operation, defaults, options);
    }

    static void stubLogin(String jwt, String refresh) {
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/login/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"jwt\": \"" + jwt + "\""
                        + (refresh == null ? "" : ", \"jwt_refresh_token\": \"" + refresh + "\"")
                        + ", \"username\": \"ops\"}")));
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/logout/")).willReturn(aResponse().withStatus(204)));
    }

    static List<LoggedRequest> requests(String url) {
        return requests().stream().filter(r -> r.getUrl().equals(url)).toList();
    }
}
