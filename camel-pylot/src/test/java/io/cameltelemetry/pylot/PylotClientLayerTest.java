package io.cameltelemetry.pylot;

import java.time.LocalDateTime;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cameltelemetry.common.TelemetryProducerHealthCheck;
import io.cameltelemetry.pylot.model.Measurement;
import io.cameltelemetry.test.RecordingSleeper;
import io.cameltelemetry.test.TestTls;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How camel-pylot uses the shared client layer: ownership, option precedence, TLS defaults, retries, health. */
class PylotClientLayerTest extends PylotTestSupport {

    final RecordingSleeper sleeper = new RecordingSleeper();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("pylot", PylotComponent.class).setSleeper(sleeper);
        return context;
    }

    @Test
    void aUserSuppliedHttpClientStaysOpenWhenTheEndpointAndContextStop() throws Exception {
        stubOk();
        wireMock.stubFor(get("/alive").willReturn(aResponse().withStatus(204)));
        try (CloseableHttpClient mine = HttpClients.createDefault()) {
            context.getRegistry().bind("myClient", mine);
            Exchange out = template.send(pylot("A", "node=N&metric=m&httpClient=#myClient"), e -> e.getIn().setBody(1));
            assertNull(out.getException());
            context.stop();

            int status = mine.execute(new HttpGet(wireMockUrl() + "/alive"), r -> r.getCode());
            assertEquals(204, status, "the user's client is still usable after the context stopped");
        }
    }

    @Test
    void endpointOptionsOverrideComponentDefaultsAndHeadersOverrideBoth() throws Exception {
        stubOk();
        PylotConfiguration defaults = context.getComponent("pylot", PylotComponent.class).getConfiguration();
        defaults.setNode("component-node");
        defaults.setMetric("m");
        defaults.setMaxRowsPerRequest(2);

        template.sendBody(pylot("A", "node=endpoint-node"), List.of(
                Measurement.of("n1", T0, "m", 1), Measurement.of("n2", T0, "m", 2), Measurement.of("n3", T0, "m", 3)));
        template.sendBody(pylot("A", ""), 5);
        template.sendBodyAndHeader(pylot("A", "node=endpoint-node"), 6, PylotConstants.NODE, "header-node");

        List<String> bodies = requests().stream().map(r -> r.getBodyAsString()).toList();
        assertEquals(4, bodies.size(), "maxRowsPerRequest=2 from the component: 2 + 1 rows, then 1, then 1");
        assertEquals(2, json(bodies.get(0)).size());
        assertEquals(1, json(bodies.get(1)).size());
        assertEquals("component-node", json(bodies.get(2)).get(0).get("node").asText());
        assertEquals("header-node", json(bodies.get(3)).get(0).get("node").asText());
    }

    @Test
    void endpointsWithEqualHttpOptionsShareOneClientAndOthersGetTheirOwn() throws Exception {
        stubOk();
        template.sendBody(pylot("A", "node=N&metric=m"), 1);
        template.sendBody(pylot("B", "node=N&metric=m"), 1);
        PylotComponent component = context.getComponent("pylot", PylotComponent.class);
        assertEquals(1, component.shared().size());

        template.sendBody(pylot("C", "node=N&metric=m&connectTimeout=1234"), 1);
        assertEquals(2, component.shared().size(), "another connectTimeout is never silently ignored");

        context.stop();
        assertEquals(0, component.shared().size());
    }

    @Test
    void globalSslContextParametersAreUsedWhenTheComponentIsToldTo() throws Exception {
        WireMockServer https = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(TestTls.serverKeystorePath()).keystoreType("PKCS12")
                .keystorePassword(TestTls.PASSWORD).keyManagerPassword(TestTls.PASSWORD));
        https.start();
        try {
            https.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(200)));
            context.setSSLContextParameters(TestTls.trustingTestCertificate());
            context.getComponent("pylot", PylotComponent.class).setUseGlobalSslContextParameters(true);

            Exchange out = template.send("pylot:A?baseUrl=https://127.0.0.1:" + https.httpsPort()
                    + "&username=u&password=p&node=N&metric=m&maxRetries=0",
                    e -> e.getIn().setBody(1));

            assertNull(out.getException());
            https.verify(1, postRequestedFor(urlEqualTo("/api/measurements")));
        } finally {
            https.stop();
        }
    }

    @Test
    void aRetryAfterOfLongMaxFailsAtOnceWithTheTypedDeadlineErrorNeverAnOverflow() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "9223372036854775807")));

        Exchange out = template.send("pylot:A?baseUrl=" + wireMockUrl() + "&username=u&password=p&node=N&metric=m"
                + "&retryMaxDelay=45000", e -> e.getIn().setBody(1));

        io.cameltelemetry.common.http.RequestDeadlineException e = assertInstanceOf(
                io.cameltelemetry.common.http.RequestDeadlineException.class, out.getException());
        assertTrue(e.getMessage().contains("after HTTP 429, the server asked to wait 9223372036854775807 ms before the "
                + "retry, more than the "),
                e.getMessage());
        assertEquals(List.of(), sleeper.delays(), "never waited, never capped to retryMaxDelay");
        verifyCount(1);
    }

    @Test
    void theProducerHealthCheckReportsTheLastFailureAndRecovers() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(500).withBody("down")));
        String uri = pylot("A", "node=N&metric=m&maxRetries=0");
        Exchange failed = template.send(uri, e -> e.getIn().setBody(1));
        assertInstanceOf(PylotException.class, failed.getException());
        PylotEndpoint endpoint = context.getEndpoint(uri, PylotEndpoint.class);
        TelemetryProducerHealthCheck check = new TelemetryProducerHealthCheck(endpoint, "PYLOT", endpoint::http);
        check.setCamelContext(context);

        HealthCheck.Result down = check.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElse("").startsWith("PYLOT requests are failing (1 in a row): HTTP operation failed"),
                down.getMessage().orElse(""));

        stubOk();
        template.sendBody(uri, 2);
        assertEquals(HealthCheck.State.UP, check.call().getState());
    }

    @Test
    void theProducerRegistersItsHealthCheckInCamelsProducersRepository() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(503)));
        String uri = pylot("H", "node=N&metric=m&maxRetries=0");
        template.send(uri, e -> e.getIn().setBody(1));
        WritableHealthCheckRepository repository = HealthCheckHelper
                .getHealthCheckRepository(context, "producers", org.apache.camel.health.WritableHealthCheckRepository.class);
        repository.setEnabled(true);

        HealthCheck check = repository.stream().filter(c -> c.getId().startsWith("producer:pylot://H")).findFirst()
                .orElseThrow(() -> new AssertionError("no pylot producer check"));

        assertEquals(HealthCheck.State.DOWN, check.call().getState());
    }

    @Test
    void theEndpointNamesItsServiceForTheDevConsole() {
        PylotEndpoint endpoint = context.getEndpoint("pylot:A?baseUrl=https://input.example//&username=u&password=p",
                PylotEndpoint.class);
        assertEquals("https://input.example/api/measurements", endpoint.getServiceUrl());
        assertEquals("http", endpoint.getServiceProtocol());
    }

    static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);
}
