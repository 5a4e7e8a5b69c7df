package io.cameltelemetry.initialstate.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.cameltelemetry.initialstate.InitialStateEvents;
import io.cameltelemetry.initialstate.model.InitialStateEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request bodies as Initial State reads them: exact text, splits by count and by size, the epoch's digits. */
class InitialStateJsonTest {

    @Test
    void theEpochHasTheDigitsOfTheDecimalRuleForEveryInstant() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_700_000_000L, 500_000_000), Instant.ofEpochSecond(1_700_000_000L, 1_000),
                Instant.ofEpochSecond(1_700_000_000L, 999_999_999), Instant.ofEpochSecond(-1, 500_000_000),
                Instant.ofEpochSecond(-86_400), Instant.ofEpochSecond(0, 10_000)));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant t : instants) {
            assertEquals(InitialStateEvents.toSeconds(t).toPlainString(), InitialStateJson.epochSeconds(t), t.toString());
        }
    }

    @Test
    void bodiesAreExactJsonSplitByCountAndBytesInOrder() {
        List<InitialStateEvent> events = List.of(
                new InitialStateEvent("temperature", 21.5, Instant.ofEpochSecond(1_700_000_000L, 250_000_000)),
                new InitialStateEvent("door", true, Instant.ofEpochSecond(1_700_000_001L)),
                new InitialStateEvent("name", "Zone \"1\"", Instant.ofEpochSecond(1_700_000_002L, 1_000)),
                new InitialStateEvent("count", 7L, Instant.ofEpochSecond(1_700_000_003L)));
        List<byte[]> two = InitialStateJson.bodies(events, 2, 1_000_000);
        assertEquals(2, two.size());
        assertEquals("[{\"key\":\"temperature\",\"value\":21.5,\"epoch\":1700000000.25},"
                + "{\"key\":\"door\",\"value\":true,\"epoch\":1700000001}]", new String(two.get(0), StandardCharsets.UTF_8));
        assertEquals("[{\"key\":\"name\",\"value\":\"Zone \\\"1\\\"\",\"epoch\":1700000002.000001},"
                + "{\"key\":\"count\",\"value\":7,\"epoch\":1700000003}]", new String(two.get(1), StandardCharsets.UTF_8));
        // a byte limit that holds one event a body
        List<byte[]> small = InitialStateJson.bodies(events, 100, 80);
        assertEquals(4, small.size());
        assertEquals("[{\"key\":\"door\",\"value\":true,\"epoch\":1700000001}]",
                new String(small.get(1), StandardCharsets.UTF_8));
        assertEquals(4, small.stream().mapToInt(InitialStateJson::count).sum());
    }
}
