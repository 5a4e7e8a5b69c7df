package io.cameltelemetry.examples;

import java.time.Instant;
import java.util.List;

import io.cameltelemetry.archfx.ArchFxComponent;
import io.cameltelemetry.archfx.ArchFxConstants;
import io.cameltelemetry.archfx.ArchFxException;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.examples.sandbox.ArchFxSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The ArchFX sandbox through the component: expiring tokens, refused logins, repeated ids ignored, unknown devices. */
class ArchFxSandboxTest {

    private static CamelContext context(ArchFxSandbox sandbox, String password) {
        CamelContext context = new DefaultCamelContext();
        ArchFxComponent archfx = context.getComponent("archfx", ArchFxComponent.class);
        archfx.getConfiguration().setBaseUrl(sandbox.domain());
        archfx.getConfiguration().setEmail(ArchFxSandbox.DEFAULT_EMAIL);
        archfx.getConfiguration().setPassword(password);
        archfx.getConfiguration().setRetryInitialDelay(1);
        archfx.getConfiguration().setRetryMaxDelay(20);
        archfx.getConfiguration().setIdRepository(new MemoryStateRepository());
        return context;
    }

    @Test
    void expiredTokensAreRefreshedAndRepeatedIdsAreIgnoredByTheCloud() throws Exception {
        try (ArchFxSandbox sandbox = new ArchFxSandbox().start(0);
                CamelContext context = context(sandbox, ArchFxSandbox.DEFAULT_PASSWORD)) {
            context.start();
            ProducerTemplate t = context.createProducerTemplate();
            List<ArchFxDataPoint> points = List.of(
                    new ArchFxDataPoint(Instant.parse("2024-05-01T08:00:00Z"), ArchFxVariableId.of(0x5051), 1, null, null,
                            10),
                    new ArchFxDataPoint(Instant.parse("2024-05-01T08:00:01Z"), ArchFxVariableId.of(0x5051), 2, null, null,
                            11));
            Exchange first = t.request("archfx:report?device=0abc", e -> e.getIn().setBody(points));
            assertEquals(2L, first.getMessage().getHeader(ArchFxConstants.ACCEPTED_COUNT));
            sandbox.expireTokens();
            Exchange again = t.request("archfx:report?device=0abc", e -> e.getIn().setBody(points));
            assertNull(again.getException(), String.valueOf(again.getException()));
            assertEquals(0L, again.getMessage().getHeader(ArchFxConstants.ACCEPTED_COUNT), "ids it has are ignored");
            assertEquals(1, sandbox.loginCount(), "the expired token was refreshed, not logged in again");
            assertEquals(2, sandbox.readingCount());
            Exchange unknown = t.request("archfx:report?device=d--0000-0000-0000-0fff", e -> e.getIn().setBody(points));
            assertEquals(404, assertInstanceOf(ArchFxException.class, unknown.getException()).getStatusCode());
            java.util.Map<?, ?> page = t.requestBodyAndHeader("archfx:api?resource=data", null, ArchFxConstants.QUERY,
                    java.util.Map.of("filter", "d--0000-0000-0000-0abc"), java.util.Map.class);
            List<?> byDevice = (List<?>) page.get("results");
            assertEquals(2, byDevice.size(), "data by device slug");
        }
    }

    @Test
    void aWrongPasswordIsATypedErrorAndTheAppSaysSo() throws Exception {
        try (ArchFxSandbox sandbox = new ArchFxSandbox().start(0); CamelContext context = context(sandbox, "wrong")) {
            context.start();
            Exchange out = context.createProducerTemplate().request("archfx:api?resource=org", e -> {
            });
            ArchFxException e = assertInstanceOf(ArchFxException.class, out.getException());
            assertEquals(401, e.getStatusCode());
            assertEquals(0, sandbox.loginCount());
        }
    }
}
