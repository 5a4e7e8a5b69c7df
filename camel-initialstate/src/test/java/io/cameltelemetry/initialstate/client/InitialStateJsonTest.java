package io.cameltelemetry.initialstate.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.initialstate.InitialStateEvents;
import io.cameltelemetry.initialstate.model.InitialStateEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void everyEventIsInExactlyOneBodyInOrderAndEachBodyIsAsFullAsTheLimitsAllow() throws Exception {
        Random random = new Random(7);
        List<InitialStateEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Object value = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> "x".repeat(random.nextInt(300));
                case 2 -> random.nextLong();
                default -> random.nextBoolean();
            };
            events.add(new InitialStateEvent("k" + "e".repeat(random.nextInt(40)) + i, value,
                    Instant.ofEpochSecond(1_700_000_000L + i, random.nextInt(1_000_000) * 1000)));
        }
        ObjectMapper json = new ObjectMapper();
        for (int[] limits : new int[][]{ { 500, 1_000_000 }, { 7, 1_000_000 }, { 1_000, 2_000 }, { 13, 900 }, { 100, 120 } }) {
            int maxEvents = limits[0];
            int maxBytes = limits[1];
            List<byte[]> bodies = InitialStateJson.bodies(events, maxEvents, maxBytes);
            int next = 0;
            for (int b = 0; b < bodies.size(); b++) {
                byte[] body = bodies.get(b);
                JsonNode array = json.readTree(body);
                String where = "limits " + maxEvents + "/" + maxBytes + ", body " + b;
                assertTrue(array.isArray() && array.size() >= 1 && array.size() <= maxEvents, where);
                assertTrue(body.length <= maxBytes || array.size() == 1, where + " has " + body.length + " bytes");
                for (JsonNode event : array) {
                    InitialStateEvent expected = events.get(next++);
                    assertEquals(expected.key(), event.get("key").asText(), where);
                    assertEquals(String.valueOf(expected.value()), event.get("value").asText(), where);
                    assertEquals(InitialStateEvents.toSeconds(expected.epoch()), event.get("epoch").decimalValue(), where);
                }
                if (next < events.size()) {
                    // the next event did not fit: too many events, or too many bytes with it
                    int alone = InitialStateJson.bodies(List.of(events.get(next)), 1, Integer.MAX_VALUE).get(0).length - 2;
                    assertTrue(array.size() == maxEvents || body.length + 1 + alone > maxBytes, where + " was cut early");
                }
            }
            assertEquals(events.size(), next, "limits " + maxEvents + "/" + maxBytes);
        }
    }
}
