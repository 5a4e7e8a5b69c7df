package io.cameltelemetry.esmond;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cameltelemetry.test.TelemetryTestSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** A Camel context plus a WireMock esmond archive on 127.0.0.1; retries recorded, never slept. */
abstract class EsmondTestSupport extends TelemetryTestSupport {

    @Override
    protected String scheme() {
        return "esmond";
    }

    static final String USER = "perfsonar";
    static final String API_KEY = "esm0nd-Secret-Api-Key-42";
    static final String ARCHIVE = "/esmond/perfsonar/archive/";
    static final String MK = "0CB19291FB6D40EAA1955376772BF5D2";
    static final String THROUGHPUT_MK = "EC7E5AF67F8746C8AEF41E60288F3F59";
    /** The fixtures' window end: 1391616000 = 2014-02-05T16:00:00Z. */
    static final Instant NOW = Instant.ofEpochSecond(1391616000);

    /** An endpoint URI on the WireMock archive with fast retries; options as a=b&c=d. */
    static String esmond(String operation, String options) {
        return uri("esmond", operation, Map.of("baseUrl", wireMockUrl()), options);
    }

    /** With the test credentials. */
    static String esmondAuth(String operation, String options) {
        return esmond(operation, "username=" + USER + "&apiKey=RAW(" + API_KEY + ")" + (options.isEmpty()
                ? ""
                : "&"
                        + options));
    }

    /** A fixture file: request, event_type, expected, body. */
    static JsonNode fixture(String name) throws Exception {
        try (InputStream in = EsmondTestSupport.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            return MAPPER.readTree(in);
        }
    }

    static void stubJson(String url, Object body) throws Exception {
        wireMock.stubFor(get(urlEqualTo(url)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body instanceof String s ? s : MAPPER.writeValueAsString(body))));
    }

    /** A metadata of the archive, as the server writes it. */
    static Map<String, Object> metadata(String key, String source, String destination, String... eventTypes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metadata-key", key);
        m.put("subject-type", "point-to-point");
        m.put("source", source);
        m.put("destination", destination);
        m.put("measurement-agent", source);
        m.put("input-source", "host-" + source);
        m.put("input-destination", "host-" + destination);
        m.put("tool-name", "powstream");
        m.put("ip-transport-protocol", "udp");
        m.put("uri", ARCHIVE + key + "/");
        List<Map<String, Object>> ets = new ArrayList<>();
        for (String et : eventTypes) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event-type", et);
            e.put("time-updated", 1391615950);
            e.put("base-uri", ARCHIVE + key + "/" + et + "/base");
            List<Map<String, Object>> summaries = new ArrayList<>();
            if (et.startsWith("histogram-") || et.startsWith("packet-count")) {
                summaries.add(Map.of("summary-type", "aggregation", "summary-window", "86400", "time-updated", 1391613631,
                        "uri", ARCHIVE + key + "/" + et + "/aggregations/86400"));
            }
            e.put("summaries", summaries);
            ets.add(e);
        }
        m.put("event-types", ets);
        return m;
    }

    static Clock fixedClock(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
