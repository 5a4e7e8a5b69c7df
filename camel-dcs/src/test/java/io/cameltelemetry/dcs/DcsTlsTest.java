package io.cameltelemetry.dcs;

import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cameltelemetry.test.TestTls;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** HTTPS with sslContextParameters; an untrusted certificate fails at once, without retries. */
class DcsTlsTest extends CamelTestSupport {

    private WireMockServer https;

    @BeforeEach
    void startHttps() {
        https = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(TestTls.serverKeystorePath()).keystoreType("PKCS12")
                .keystorePassword(TestTls.PASSWORD).keyManagerPassword(TestTls.PASSWORD));
        https.start();
        https.stubFor(get(urlEqualTo("/DCSWebApi/public/meters")).willReturn(aResponse().withStatus(200).withBody("[]")));
    }

    @AfterEach
    void stopHttps() {
        https.stop();
    }

    private String uri(String extra) {
        return "dcs:meters?baseUrl=https://127.0.0.1:" + https.httpsPort() + "/DCSWebApi&maxRetries=3&retryInitialDelay=1"
                + extra;
    }

    @Test
    void trustsTheServersCertificateThroughSslContextParameters() throws Exception {
        context.getRegistry().bind("dcsTls", TestTls.trustingTestCertificate());

        assertEquals(List.of(), template.requestBody(uri("&sslContextParameters=#dcsTls"), (Object) null));
    }

    @Test
    void anUntrustedCertificateFailsWithoutRetries() {
        Exchange out = template.send(uri(""), e -> {
        });
        assertInstanceOf(SSLHandshakeException.class, out.getException());
        https.verify(0, getRequestedFor(urlEqualTo("/DCSWebApi/public/meters")));
    }
}
