package io.cameltelemetry.pylot;

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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** HTTPS with sslContextParameters; an untrusted certificate fails at once, without retries. */
class PylotTlsTest extends CamelTestSupport {

    private WireMockServer https;

    @BeforeEach
    void startHttps() {
        https = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(TestTls.serverKeystorePath()).keystoreType("PKCS12")
                .keystorePassword(TestTls.PASSWORD).keyManagerPassword(TestTls.PASSWORD));
        https.start();
        https.stubFor(post(urlEqualTo("/api/measurements")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopHttps() {
        https.stop();
    }

    private String uri(String extra) {
        return "pylot:A?baseUrl=https://127.0.0.1:" + https.httpsPort() + "&username=u&password=p&node=N&metric=m"
                + "&maxRetries=3&retryInitialDelay=1" + extra;
    }

    @Test
    void trustsTheServersCertificateThroughSslContextParameters() throws Exception {
        context.getRegistry().bind("wiremockTls", TestTls.trustingTestCertificate());

        Exchange out = template.send(uri("&sslContextParameters=#wiremockTls"), e -> e.getIn().setBody(1));
        assertNull(out.getException());
        https.verify(1, postRequestedFor(urlEqualTo("/api/measurements")));
    }

    @Test
    void anUntrustedCertificateFailsWithoutRetries() {
        Exchange out = template.send(uri(""), e -> e.getIn().setBody(1));
        assertInstanceOf(SSLHandshakeException.class, out.getException());
        https.verify(0, postRequestedFor(urlEqualTo("/api/measurements")));
    }
}
