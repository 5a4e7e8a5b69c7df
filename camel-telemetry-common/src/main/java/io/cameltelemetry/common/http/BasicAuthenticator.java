package io.cameltelemetry.common.http;

import java.nio.charset.Charset;
import java.util.Base64;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHeaders;

/** Pre-emptive HTTP Basic authentication; the header value is computed once and never logged. */
public final class BasicAuthenticator implements HttpAuthenticator {

    private final String authorization;

    /** @param charset how the credentials are encoded (python-requests, many platforms' reference, uses ISO-8859-1) */
    public BasicAuthenticator(String username, String password, Charset charset) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(charset));
    }

    @Override
    public void authenticate(HttpUriRequestBase request, HttpClientContext context, TelemetryHttpClient client) {
        client.masker().add(authorization.substring("Basic ".length())); // a gateway may echo the header
        request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
    }

    @Override
    public String toString() {
        return "BasicAuthenticator[******]";
    }
}
