package io.cameltelemetry.test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** WireMock as every component test uses it: bound to 127.0.0.1 on a dynamic port. */
public final class TestWireMock {

    private TestWireMock() {
    }

    /** A started server; stop it after the tests. */
    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(options());
        server.start();
        return server;
    }

    private static WireMockConfiguration options() {
        return WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public static String baseUrl(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
