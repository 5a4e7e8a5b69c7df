package io.cameltelemetry.dcs;

import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
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
        String keystore = getClass().getResource("/tls-server.p12").getPath();
        https = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(keystore).keystoreType("PKCS12").keystorePassword("changeit")
                .keyManagerPassword("changeit"));
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
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("classpath:tls-trust.p12"); // the test certificate (CN=localhost, IP 127.0.0.1)
        trustStore.setPassword("changeit");
        trustStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        context.getRegistry().bind("dcsTls", tls);

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
