package io.cameltelemetry.examples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cameltelemetry.pylot.model.Measurement;

/**
 * Deterministic greenhouse sensors for the demo: every reading gives each zone's air temperature (deg C), relative
 * humidity (%) and CO2 (ppm) following smooth daily-like curves. Timestamps are left to the aggregation ("now").
 */
public class GreenhouseSimulator {

    private final AtomicLong tick = new AtomicLong();
    private List<String> zones = List.of("Zone 1", "Zone 2", "Zone 3");

    /** One reading of every zone's sensors. */
    public List<Measurement> readSensors() {
        long t = tick.getAndIncrement();
        List<Measurement> out = new ArrayList<>(zones.size() * 3);
        for (int z = 0; z < zones.size(); z++) {
            double phase = t / 20.0 + z;
            String zone = zones.get(z);
            out.add(Measurement.of(zone, null, "air-temperature", round(21 + 3 * Math.sin(phase))));
            out.add(Measurement.of(zone, null, "relative-humidity", round(75 - 8 * Math.sin(phase))));
            out.add(Measurement.of(zone, null, "co2", round(650 + 150 * Math.cos(phase / 2))));
        }
        return out;
    }

    /**
     * The same reading for a dashboard: one entry per zone and sensor, e.g. {@code "Zone 1 air-temperature" -> 21.5},
     * in reading order (an Initial State body flattened without a prefix).
     */
    public Map<String, Number> dashboard(List<Measurement> reading) {
        Map<String, Number> out = new LinkedHashMap<>();
        for (Measurement m : reading) {
            out.put(m.node() + " " + m.metric(), m.value());
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Comma-separated zone (node) names. */
    public void setZones(String zones) {
        this.zones = List.of(zones.split("\\s*,\\s*"));
    }

    public String getZones() {
        return String.join(",", zones);
    }

    /**
     * The same reading as ArchFX data points (Maps a report accepts), timestamped now: zone n's air temperature,
     * relative humidity and CO2 are the variables 5001, 5002 and 5003 of scope n ({@code 0001-5001} for Zone 1's air
     * temperature).
     */
    public List<Map<String, Object>> archfxPoints(List<Measurement> reading) {
        String now = Instant.now().toString();
        List<Map<String, Object>> points = new ArrayList<>(reading.size());
        for (Measurement m : reading) {
            int scope = zones.indexOf(m.node()) + 1;
            int var = switch (m.metric()) {
                case "air-temperature" -> 0x5001;
                case "relative-humidity" -> 0x5002;
                case "co2" -> 0x5003;
                default -> 0x5fff;
            };
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("timestamp", now);
            point.put("stream", String.format("%04x-%04x", scope, var));
            point.put("value", m.value());
            points.add(point);
        }
        return points;
    }
}
