package io.cameltelemetry.common.http;

import java.util.Objects;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;

/** A fixed credential header, e.g. {@code Authorization: Token <apiKey>} or {@code X-IS-AccessKey: <key>}. */
public final class HeaderAuthenticator implements HttpAuthenticator {

    private final String name;
    private final String value;

    public HeaderAuthenticator(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public void authenticate(HttpUriRequestBase request, HttpClientContext context, TelemetryHttpClient client) {
        request.setHeader(name, value);
    }

    @Override
    public String toString() {
        return "HeaderAuthenticator[" + name + ": ******]";
    }
}
