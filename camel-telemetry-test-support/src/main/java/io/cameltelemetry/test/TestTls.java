package io.cameltelemetry.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** A self-signed test certificate for {@code localhost} and {@code 127.0.0.1}: the server's key store and the trust. */
public final class TestTls {

    /** The password of both stores. */
    public static final String PASSWORD = "changeit";

    private TestTls() {
    }

    /** The server key store (PKCS12) as a file, for servers that want a path, such as WireMock. */
    public static String serverKeystorePath() {
        try (InputStream in = TestTls.class.getResourceAsStream("tls-server.p12")) {
            Path file = Files.createTempFile("tls-server", ".p12");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Camel TLS settings that trust the test certificate (and nothing else). */
    public static SSLContextParameters trustingTestCertificate() {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("classpath:io/cameltelemetry/test/tls-trust.p12");
        trustStore.setPassword(PASSWORD);
        trustStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        return tls;
    }
}
