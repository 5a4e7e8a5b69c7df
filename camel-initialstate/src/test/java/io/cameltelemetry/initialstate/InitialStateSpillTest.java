package io.cameltelemetry.initialstate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.initialstate.client.InitialStateClient;
import io.cameltelemetry.initialstate.client.SpillStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No loss: batches that still fail are spilled (fsynced) and replayed in order, across restarts and torn files. */
class InitialStateSpillTest extends InitialStateTestSupport {

    @TempDir
    Path dir;

    private String uri(String bucket) {
        return is(bucket, "key=k&maxRetries=1&spillDirectory=" + dir + "&spillReplayInterval=60000");
    }

    private Path spillFile(String bucket) {
        return dir.resolve(SpillStore.fileName(InitialStateClient.fingerprint(ACCESS_KEY), bucket));
    }

    private static Exchange send(ProducerTemplate template, String uri, Object value, long epoch) {
        return template.send(uri, e -> {
            e.getIn().setBody(value);
            e.getIn().setHeader(InitialStateConstants.TIMESTAMP, epoch);
        });
    }

    @Test
    void aBatchThatStillFailsIsSpilledAndReplayedInOrderAfterARestart() throws Exception {
        stubEvents(503);
        Exchange out = send(template, uri("b"), 1, 100);
        assertNull(out.getException(), "a spilled batch completes the exchange");
        assertEquals(1, out.getMessage().getHeader(InitialStateConstants.SPILLED_EVENT_COUNT));
        // the outage goes on: the next message is spilled behind the first, keeping the order
        assertNull(send(template, uri("b"), 2, 101).getException());
        assertEquals("[{\"key\":\"k\",\"value\":1,\"epoch\":100}]\n[{\"key\":\"k\",\"value\":2,\"epoch\":101}]\n",
                Files.readString(spillFile("b")));
        context.stop();

        wireMock.resetAll();
        stubEvents(204);
        try (CamelContext restarted = new DefaultCamelContext()) {
            restarted.getComponent("initialstate", InitialStateComponent.class).setSleeper(sleeper);
            restarted.start();
            ProducerTemplate t = restarted.createProducerTemplate();
            // new data of the bucket goes after the spilled batches, whoever gets there first
            assertNull(send(t, uri("b"), 3, 102).getException());
            await().until(() -> !Files.exists(spillFile("b")));
            List<String> bodies = events().stream().map(LoggedRequest::getBodyAsString).toList();
            assertEquals(List.of("[{\"key\":\"k\",\"value\":1,\"epoch\":100}]", "[{\"key\":\"k\",\"value\":2,\"epoch\":101}]",
                    "[{\"key\":\"k\",\"value\":3,\"epoch\":102}]"), bodies);
        }
    }

    @Test
    void theBodiesOfAMessageNotYetSentWhenItFailsAreSpilledInOrder() throws Exception {
        // bodies 2..4 are written ahead (on the encoder thread) while body 1 is on the wire; body 2 fails for good
        wireMock.stubFor(post(urlEqualTo("/api/events")).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(204)).willSetStateTo("down"));
        wireMock.stubFor(post(urlEqualTo("/api/events")).inScenario("outage").whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(503)));
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            values.put("v" + i, i);
        }
        Exchange out = template.send(is("b", "maxEventsPerRequest=2&maxRetries=0&spillDirectory=" + dir
                + "&spillReplayInterval=60000&keyPrefix="), e -> {
                    e.getIn().setBody(values);
                    e.getIn().setHeader(InitialStateConstants.TIMESTAMP, 100L);
                });
        assertNull(out.getException(), "the rest is spilled: the exchange completes");
        assertEquals(6, out.getMessage().getHeader(InitialStateConstants.SPILLED_EVENT_COUNT));
        assertEquals("[{\"key\":\"v3\",\"value\":3,\"epoch\":100},{\"key\":\"v4\",\"value\":4,\"epoch\":100}]\n"
                + "[{\"key\":\"v5\",\"value\":5,\"epoch\":100},{\"key\":\"v6\",\"value\":6,\"epoch\":100}]\n"
                + "[{\"key\":\"v7\",\"value\":7,\"epoch\":100},{\"key\":\"v8\",\"value\":8,\"epoch\":100}]\n",
                Files.readString(spillFile("b")));
        assertEquals(2, events().size(), "body 1 accepted, body 2 refused once; 3 and 4 never posted");
    }

    @Test
    void aTornLastLineIsCutAndTheRestReplayedAtStart() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(spillFile("b"), "[{\"key\":\"k\",\"value\":1,\"epoch\":100}]\n[{\"key\":\"k\",\"val",
                StandardCharsets.UTF_8);
        stubEvents(204);
        template.sendBodyAndHeader(uri("b"), 2, InitialStateConstants.TIMESTAMP, 101);
        await().until(() -> events().size() == 2 && !Files.exists(spillFile("b")));
        List<String> bodies = events().stream().map(LoggedRequest::getBodyAsString).toList();
        assertEquals(List.of("[{\"key\":\"k\",\"value\":1,\"epoch\":100}]", "[{\"key\":\"k\",\"value\":2,\"epoch\":101}]"),
                bodies);
    }

    @Test
    void refusalsAreNotSpilled() {
        stubEvents(401);
        Exchange out = send(template, uri("b"), 1, 100);
        assertInstanceOf(InitialStateException.Unauthorized.class, out.getException());
        assertTrue(!Files.exists(spillFile("b")));
    }

    @Test
    void withoutASpillDirectoryAFailedBatchFailsTheExchange() {
        stubEvents(503);
        Exchange out = send(template, is("b", "key=k&maxRetries=1"), 1, 100);
        InitialStateException e = assertInstanceOf(InitialStateException.class, out.getException());
        assertEquals(503, e.getStatusCode());
        assertEquals(2, events().size());
    }

    @Test
    void aSecondLiveUserOfTheSpillDirectoryIsRefused() throws Exception {
        try (SpillStore first = new SpillStore(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SpillStore(dir));
            assertTrue(e.getMessage().contains("in use by another live process"), e.getMessage());
        }
        new SpillStore(dir).close();
    }
}
