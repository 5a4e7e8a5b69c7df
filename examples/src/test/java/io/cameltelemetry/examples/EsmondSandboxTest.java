package io.cameltelemetry.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.esmond.EsmondComponent;
import io.cameltelemetry.esmond.EsmondConstants;
import io.cameltelemetry.esmond.EsmondException;
import io.cameltelemetry.esmond.model.EsmondDataPoint;
import io.cameltelemetry.esmond.model.EsmondMetadata;
import io.cameltelemetry.examples.sandbox.EsmondSandbox;
import io.cameltelemetry.test.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The esmond sandbox through the component (filters, paging, auth, faults) and the demo route as users run it. */
class EsmondSandboxTest {

    @TempDir
    Path dir;

    private static CamelContext context(EsmondSandbox sandbox, String apiKey) {
        CamelContext context = new DefaultCamelContext();
        EsmondComponent esmond = context.getComponent("esmond", EsmondComponent.class);
        esmond.getConfiguration().setBaseUrl(sandbox.url());
        esmond.getConfiguration().setRetryInitialDelay(1);
        esmond.getConfiguration().setRetryMaxDelay(20);
        if (apiKey != null) {
            esmond.getConfiguration().setUsername(EsmondSandbox.DEFAULT_USERNAME);
            esmond.getConfiguration().setApiKey(apiKey);
        }
        return context;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSandboxSearchesWithEveryFilterAndPagesMetadataAndData() throws Exception {
        try (EsmondSandbox sandbox = new EsmondSandbox().start(0);
                CamelContext context = context(sandbox, null)) {
            context.start();
            ProducerTemplate t = context.createProducerTemplate();
            String[][] cases = { { "", "2" }, { "toolName=powstream", "1" }, { "source=iperf-a.example.net", "1" },
                    { "destination=203.0.113.30", "1" }, { "eventType=histogram-ttl", "1" },
                    { "eventType=histogram-owdelay&summaryType=aggregation&summaryWindow=86400", "1" },
                    { "eventType=throughput&summaryType=aggregation&summaryWindow=86400", "0" },
                    { "filter.ip-transport-protocol=tcp", "1" }, { "filter.time-duration=20", "1" },
                    { "subjectType=network-element", "0" }, { "startTime=1391606000&endTime=1391606300", "1" },
                    { "time=1391615979", "1" }, { "pageSize=1", "2" }, { "dnsMatchRule=prefer-v6", "2" } };
            for (String[] c : cases) {
                List<EsmondMetadata> found = t.requestBody("esmond:metadata?" + c[0], null, List.class);
                assertEquals(Integer.parseInt(c[1]), found.size(), c[0]);
            }
            List<EsmondDataPoint> sent = t.requestBody("esmond:data?eventType=packet-count-sent&pageSize=100"
                    + "&streaming=false&startTime=1391558400&endTime=1391616000&metadataKey=" + EsmondSandbox.OWAMP_KEY,
                    null, List.class);
            assertEquals(960, sent.size(), "10 pages of 100");
            assertEquals(1391615975L, sent.get(959).ts());
            Exchange bad = t.request("esmond:metadata?filter.time-start=yesterday", e -> {
            });
            EsmondException e = assertInstanceOf(EsmondException.class, bad.getException());
            assertEquals(400, e.getStatusCode());
            assertEquals("Time parameter must be an integer", e.getDetail());
        }
    }

    @Test
    void writesNeedTheRightTokenAndFaultsAreTypedErrors() throws Exception {
        try (EsmondSandbox sandbox = new EsmondSandbox().start(0)) {
            for (Object[] c : new Object[][]{ { null, 401, "Authentication credentials were not provided." },
                    { "wrong-key", 401, "Invalid token." },
                    { EsmondSandbox.READ_ONLY_API_KEY, 403, "You do not have permission to perform this action." } }) {
                try (CamelContext context = context(sandbox, (String) c[0])) {
                    context.start();
                    Exchange out = context.createProducerTemplate().request("esmond:postData?eventType=throughput"
                            + "&metadataKey=" + EsmondSandbox.IPERF_KEY,
                            e -> e.getIn().setBody(EsmondDataPoint.of(1391606400, 1L)));
                    EsmondException.Unauthorized u = assertInstanceOf(EsmondException.Unauthorized.class,
                            out.getException(), String.valueOf(c[0]));
                    assertEquals(c[1], u.getStatusCode());
                    assertEquals(c[2], u.getDetail());
                }
            }
            try (CamelContext context = context(sandbox, EsmondSandbox.DEFAULT_API_KEY)) {
                context.start();
                ProducerTemplate t = context.createProducerTemplate();
                Exchange dup = t.request("esmond:postData?eventType=throughput&metadataKey=" + EsmondSandbox.IPERF_KEY,
                        e -> e.getIn().setBody(EsmondDataPoint.of(1391606270, 1L)));
                assertEquals(409, assertInstanceOf(EsmondException.Conflict.class, dup.getException()).getStatusCode());
                sandbox.htmlFor(60_000);
                Exchange html = t.request("esmond:metadata", e -> {
                });
                assertInstanceOf(TelemetryMalformedResponseException.class, html.getException());
                sandbox.htmlFor(0);
                sandbox.outage(150);
                Exchange retried = t.request("esmond:metadata?maxRetries=20&retryInitialDelay=50&retryMaxDelay=50",
                        e -> {
                        });
                assertNull(retried.getException(), "a short outage is ridden out by the retries");
                assertEquals(2, retried.getMessage().getHeader(EsmondConstants.METADATA_COUNT));
            }
        }
    }

    @Test
    void theDemoWritesThroughputInBulkAndReadsItBackOnceWithADailyAverage() throws Exception {
        Path props = dir.resolve("esmond.properties");
        Files.writeString(props, String.join("\n", "esmond.batchStore = " + dir.resolve("batches"),
                "esmond.cursorFile = " + dir.resolve("cursor.dat"), "esmond.deadLetterDir = " + dir.resolve("dead"),
                "esmond.testPeriod = 100", "esmond.pollDelay = 200"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Runner runner;
        String log;
        try (LogCapture logs = LogCapture.start()) {
            runner = new Runner(Runner.Options.parse("--sandbox", "--max-messages", "60", "--duration", "120",
                    "--properties", props.toString(), "routes/esmond-throughput.yaml"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, runner.run(), err.toString(StandardCharsets.UTF_8));
            log = String.join("\n", logs.lines()) + out.toString(StandardCharsets.UTF_8);
        }
        EsmondSandbox sandbox = runner.sandboxes().esmond();
        List<String> keys = sandbox.metadataKeys();
        assertEquals(3, keys.size(), "the demo registered its metadata once");
        String demo = keys.get(2);
        List<Map.Entry<Long, JsonNode>> stored = sandbox.points(demo, "throughput", "base", 0);
        assertTrue(stored.size() >= 10, log);
        // every point the consumer logged is one the demo stored, once, in order
        Matcher m = Pattern.compile("at (\\S+): (\\d+) bit/s; \\S+ average (\\d+) bit/s over (\\d+) tests").matcher(log);
        List<Long> read = new ArrayList<>();
        while (m.find()) {
            read.add(Instant.parse(m.group(1)).getEpochSecond());
            assertEquals(read.size(), Integer.parseInt(m.group(4)), "the running count");
        }
        assertTrue(read.size() >= 5, log);
        assertEquals(stored.subList(0, read.size()).stream().map(Map.Entry::getKey).toList(), read);
        assertTrue(!Files.exists(dir.resolve("dead")), "nothing dead-lettered");
        assertTrue(log.contains("esmond sandbox: "), "the report: " + log);
    }
}
