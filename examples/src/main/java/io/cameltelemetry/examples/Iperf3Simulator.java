package io.cameltelemetry.examples;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic iperf3-style throughput tests for the esmond demo: each test gives a {ts, val} point (bits per second,
 * a whole number, as esmond's integer throughput type) at a second of its own (esmond keeps one throughput value per
 * second), and {@link #metadata()} describes the measurement series they belong to.
 */
public class Iperf3Simulator {

    private final AtomicLong tests = new AtomicLong();
    private final AtomicLong lastTs = new AtomicLong();
    private Clock clock = Clock.systemUTC();
    private String source = "198.51.100.10";
    private String destination = "203.0.113.40";

    /** One test's result: {@code {ts, val}} with ts after every earlier test's. */
    public Map<String, Object> runTest() {
        long n = tests.getAndIncrement();
        long now = clock.instant().getEpochSecond();
        long ts = lastTs.updateAndGet(last -> Math.max(now, last + 1));
        long bitsPerSecond = Math.round(9.1e9 + 4.0e8 * Math.sin(n / 5.0) + 1.0e8 * Math.cos(n / 1.7));
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("ts", ts);
        point.put("val", bitsPerSecond);
        return point;
    }

    /** The series: a pscheduler iperf3 test from source to destination, throughput with a daily average. */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject-type", "point-to-point");
        m.put("source", source);
        m.put("destination", destination);
        m.put("measurement-agent", source);
        m.put("input-source", "iperf-demo-a.example.net");
        m.put("input-destination", "iperf-demo-b.example.net");
        m.put("tool-name", "pscheduler/iperf3");
        m.put("ip-transport-protocol", "tcp");
        m.put("time-duration", 10);
        m.put("bw-parallel-streams", 1);
        m.put("event-types", List.of(Map.of("event-type", "throughput", "summaries",
                List.of(Map.of("summary-type", "average", "summary-window", 86400)))));
        return m;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getSource() {
        return source;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public String getDestination() {
        return destination;
    }

    /** The clock tests are timed by; for tests. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
