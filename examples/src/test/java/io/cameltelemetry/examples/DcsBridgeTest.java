package io.cameltelemetry.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import io.cameltelemetry.examples.sandbox.DcsSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo DCS -> PYLOT bridge as users copy it: poison readings skipped, everything else delivered. */
class DcsBridgeTest {

    @TempDir
    Path dir;

    @Test
    void readingsWithoutAValueAreSkippedAndCountedAndEveryOtherReadingReachesPylot() throws Exception {
        Path props = dir.resolve("bridge.properties");
        Files.writeString(props, String.join("\n",
                "camel.component.pylot.zoneId = UTC",
                "dcs.cursorFile = " + dir.resolve("cursor.dat"),
                "pylot.batchStore = " + dir.resolve("batches"),
                "dcs.deadLetterDir = " + dir.resolve("dead"),
                "pylot.deadLetterDir = " + dir.resolve("dead")));
        System.setProperty("dcs.sandbox.missingValueEvery", "10");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Runner runner;
        try {
            runner = new Runner(
                    Runner.Options.parse("--sandbox", "--max-messages", "48", "--duration", "120", "--properties",
                            props.toString(),
                            "routes/pylot-batch.yaml", "routes/dcs-energy-to-pylot.yaml"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, runner.run(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty("dcs.sandbox.missingValueEvery");
        }

        Map<String, Double> held = runner.sandboxes().pylot().values().entrySet().stream()
                .filter(e -> e.getKey().node().equals("Energy centre"))
                .collect(Collectors.toMap(e -> e.getKey().timestamp(), Map.Entry::getValue));
        Instant first = null;
        Instant last = null;
        for (String ts : held.keySet()) {
            Instant t = LocalDateTime.parse(ts).toInstant(ZoneOffset.UTC);
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
            assertEquals(DcsSandbox.halfHourValue("VM9", t), held.get(ts), ts);
            assertTrue(!DcsSandbox.isMissing(10, t), "a reading without a value is never sent: " + ts);
        }
        int missingInside = 0;
        for (Instant t = first; !t.isAfter(last); t = t.plusSeconds(1800)) {
            String ts = LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
            ts = ts.length() == 16 ? ts + ":00" : ts;
            if (DcsSandbox.isMissing(10, t)) {
                missingInside++;
            } else {
                assertTrue(held.containsKey(ts), "every reading with a value is sent: " + ts + " in " + held.keySet());
            }
        }
        // 48 readings were routed (--max-messages 48): each is either held by PYLOT or skipped
        int skipped = 48 - held.size();
        assertTrue(skipped >= missingInside && skipped <= missingInside + 2 && missingInside >= 3,
                "skipped " + skipped + ", missing between the first and last sent: " + missingInside);
        String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, runner.sandboxes().pylot().rejectedRequestCount(), log);
    }
}
