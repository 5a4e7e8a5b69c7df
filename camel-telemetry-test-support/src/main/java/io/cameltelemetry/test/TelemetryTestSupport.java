package io.cameltelemetry.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.common.TelemetryComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * The base of every component test: a Camel context plus a WireMock platform on 127.0.0.1 with a dynamic port (one
 * server per test class, no stubs at the start of each test), the component's retry waits recorded instead of slept
 * ({@link #sleeper}), and an endpoint URI builder with fast retries.
 */
public abstract class TelemetryTestSupport extends CamelTestSupport {

    /** Reads and writes test JSON. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** An option value of {@link #uri} that removes a default option. */
    public static final String REMOVE = "-";

    protected static WireMockServer wireMock;
    /** The waits the component asked for (retries, pacing, server waits), when {@link #recordsSleeps()}. */
    protected final RecordingSleeper sleeper = new RecordingSleeper();

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
        sleeper.clear();
    }

    /** The scheme of the component under test, e.g. {@code pylot}. */
    protected abstract String scheme();

    /**
     * Whether the component's waits are recorded by {@link #sleeper} instead of slept (the default). A test class that
     * measures real waits returns false.
     */
    protected boolean recordsSleeps() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        if (recordsSleeps()) {
            context.getComponent(scheme(), TelemetryComponent.class).setSleeper(sleeper);
        }
        return context;
    }

    /** {@code http://127.0.0.1:<port>} of the WireMock platform. */
    public static String wireMockUrl() {
        return TestWireMock.baseUrl(wireMock);
    }

    /** Every request WireMock received, in order. */
    public static List<LoggedRequest> requests() {
        return wireMock.findAll(anyRequestedFor(anyUrl()));
    }

    public static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    /**
     * An endpoint URI: {@code scheme:path?defaults&options}, where {@code options} ({@code a=b&c=d}) replace defaults of
     * the same name and {@link #REMOVE} as a value leaves the option out. Fast retries ({@code retryInitialDelay=1},
     * {@code retryMaxDelay=50}) come first unless replaced.
     */
    public static String uri(String scheme, String path, Map<String, String> defaults, String options) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("retryInitialDelay", "1");
        params.put("retryMaxDelay", "50");
        params.putAll(defaults);
        for (String option : options == null || options.isEmpty() ? new String[0] : options.split("&")) {
            int eq = option.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("option without a name=value form: " + option);
            }
            params.put(option.substring(0, eq), option.substring(eq + 1));
        }
        params.values().removeIf(REMOVE::equals);
        StringBuilder uri = new StringBuilder(scheme).append(':').append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            uri.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = '&';
        }
        return uri.toString();
    }
}
