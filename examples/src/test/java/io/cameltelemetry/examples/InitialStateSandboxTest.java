package io.cameltelemetry.examples;

import java.nio.file.Path;

import io.cameltelemetry.examples.sandbox.InitialStateSandbox;
import io.cameltelemetry.initialstate.InitialStateComponent;
import io.cameltelemetry.initialstate.InitialStateConstants;
import io.cameltelemetry.initialstate.InitialStateException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** camel-initialstate against the Initial State sandbox: rate limits, outages, the event cap, removed buckets. */
class InitialStateSandboxTest {

    @TempDir
    Path dir;

    private InitialStateSandbox sandbox;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        sandbox = new InitialStateSandbox().start(0);
        context = new DefaultCamelContext();
        InitialStateComponent component = context.getComponent("initialstate", InitialStateComponent.class);
        component.getConfiguration().setBaseUrl(sandbox.baseUrl());
        component.getConfiguration().setAccessKey(InitialStateSandbox.DEFAULT_ACCESS_KEY);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        sandbox.close();
    }

    @Test
    void thePacerFollowsTheServersRateLimitSoNo429Storm() {
        sandbox.setRateLimit(20); // 2 a second
        String uri = "initialstate:paced?key=k&maxRequestsPerSecond=50&retryMaxDelay=15000";
        for (int i = 0; i < 24; i++) {
            assertNull(template.send(uri, e -> e.getIn().setBody(1)).getException());
        }
        assertEquals(24, sandbox.eventCount());
        assertEquals(0, sandbox.rateLimitedCount(), "paced by X-RateLimit-*, not by 429s");
    }

    @Test
    void anOutageIsSpilledAndReplayedWhenItEnds() {
        sandbox.outage(1500);
        String uri = "initialstate:outage?key=k&maxRetries=0&spillReplayInterval=200&spillDirectory=" + dir;
        Exchange out = template.send(uri, e -> e.getIn().setBody(7));
        assertNull(out.getException());
        assertEquals(1, out.getMessage().getHeader(InitialStateConstants.SPILLED_EVENT_COUNT));
        await().until(() -> sandbox.eventCount() == 1);
        assertEquals(7, ((Number) sandbox.bucket("outage").get("k").lastValue()).intValue());
    }

    @Test
    void theEventCapAndARemovedBucketAreTypedErrors() {
        sandbox.setEventCap(2);
        String uri = "initialstate:capped?key=k";
        template.sendBody(uri, 1);
        template.sendBody(uri, 2);
        assertInstanceOf(InitialStateException.QuotaExceeded.class, template.send(uri, e -> e.getIn().setBody(3))
                .getException());
        sandbox.removeBucket("gone");
        // the endpoint creates its bucket when it starts: a removed bucket fails the start
        Exception start = Assertions.assertThrows(Exception.class,
                () -> template.send("initialstate:gone?key=k&bucketName=Gone", ex -> ex.getIn().setBody(1)));
        InitialStateException.BadRequest e = assertInstanceOf(InitialStateException.BadRequest.class,
                ObjectHelper.getException(InitialStateException.BadRequest.class, start));
        assertEquals("BUCKET_REMOVED", e.getErrorType());
    }
}
