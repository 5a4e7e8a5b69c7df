package io.cameltelemetry.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.examples.sandbox.PylotSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PYLOT sandbox behaves like a strict PYLOT server. */
class PylotSandboxTest {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("sandbox:sandbox-password".getBytes(StandardCharsets.ISO_8859_1));
    private final HttpClient http = HttpClient.newHttpClient();
    private PylotSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new PylotSandbox().start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> post(String auth, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/measurements"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String row(String node, String ts, String data) {
        return "{\"adapter\":\"A\",\"timestamp\":\"" + ts + "\",\"node\":\"" + node + "\",\"data\":" + data + "}";
    }

    @Test
    void storesValuesWithOverwriteSemantics() throws Exception {
        assertEquals(200, post(AUTH, "application/json",
                "[" + row("Zone 1", "2017-04-05T14:30:25", "{\"1\":27.3,\"2\":12}") + "]").statusCode());
        assertEquals(200, post(AUTH, "application/json",
                "[" + row("Zone 1", "2017-04-05T14:30:25", "{\"1\":28.0}") + "]").statusCode());
        assertEquals(28.0, sandbox.value("A", "Zone 1", "2017-04-05T14:30:25", "1"));
        assertEquals(12.0, sandbox.value("A", "Zone 1", "2017-04-05T14:30:25", "2"));
        assertEquals(2, sandbox.values().size());
        assertEquals(2, sandbox.rowCount());
        assertEquals(3, sandbox.measurementCount());

        HttpResponse<String> values = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/values"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = new ObjectMapper().readTree(values.body());
        assertEquals(2, json.size());
        assertEquals("1", json.get(0).get("metric").asText());
        assertEquals(28.0, json.get(0).get("value").asDouble());
        assertTrue(sandbox.report().contains("2 distinct values held"), sandbox.report());
    }

    @Test
    void checksBasicAuth() throws Exception {
        HttpResponse<String> none = post(null, "application/json", "[]");
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
        String wrong = "Basic " + Base64.getEncoder().encodeToString("sandbox:nope".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(401, post(wrong, "application/json", "[]").statusCode());
    }

    @Test
    void rejectsMalformedRowsWithAJsonErrorAndStoresNothingOfThatRequest() throws Exception {
        String good = row("Zone 1", "2017-04-05T14:30:25", "{\"1\":1}");
        assertBadRequest("[" + good + "," + row("Zone 1", "2017-04-05T14:30:25.5", "{\"1\":1}") + "]", 1, "timestamp");
        assertBadRequest("[" + good + "," + row("Zone 1", "2017-04-05T14:30:25+02:00", "{\"1\":1}") + "]", 1, "timestamp");
        assertBadRequest("[" + row("", "2017-04-05T14:30:25", "{\"1\":1}") + "]", 0, "node");
        assertBadRequest("[" + row("Zone 1", "2017-04-05T14:30:25", "{\"1\":\"27\"}") + "]", 0, "data.1");
        assertBadRequest("[" + row("Zone 1", "2017-04-05T14:30:25", "{}") + "]", 0, "data");
        assertBadRequest("[{\"adapter\":\"A\",\"node\":\"N\",\"data\":{\"1\":1}}]", 0, "timestamp");
        assertBadRequest(
                "[{\"adapter\":\"A\",\"timestamp\":\"2017-04-05T14:30:25\",\"node\":\"N\",\"data\":{\"1\":1},\"x\":1}]",
                0, "unknown field");
        assertEquals(400, post(AUTH, "application/json", "{\"not\":\"an array\"}").statusCode());
        assertEquals(400, post(AUTH, "application/json", "[{\"adapter\":").statusCode());
        assertEquals(415, post(AUTH, "text/plain", "[]").statusCode());
        assertNull(sandbox.value("A", "Zone 1", "2017-04-05T14:30:25", "1"));
        assertEquals(0, sandbox.values().size());
    }

    @Test
    void answersOversizedInputWithAStatusInsteadOfResettingTheConnection() throws Exception {
        String hugeMetric = "m".repeat(5 * 1024 * 1024);
        HttpResponse<String> longName = post(AUTH, "application/json", "[{\"adapter\":\"a\",\"timestamp\":"
                + "\"2024-01-01T00:00:00\",\"node\":\"n\",\"data\":{\""
                + hugeMetric + "\":1}}]");
        assertEquals(400, longName.statusCode(), longName.body());
        HttpResponse<String> tooLarge = post(AUTH, "application/json", "[" + " ".repeat(9 * 1024 * 1024) + "]");
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals(0, sandbox.measurementCount());
    }

    @Test
    void rejectsMoreThan450Rows() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 451; i++) {
            body.append(i == 0 ? "" : ",").append(row("N" + i, "2017-04-05T14:30:25", "{\"1\":1}"));
        }
        HttpResponse<String> response = post(AUTH, "application/json", body.append("]").toString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("too many rows"), response.body());
        assertEquals(0, sandbox.values().size());
    }

    private void assertBadRequest(String body, int row, String mentions) throws Exception {
        HttpResponse<String> response = post(AUTH, "application/json", body);
        assertEquals(400, response.statusCode(), body);
        JsonNode error = new ObjectMapper().readTree(response.body());
        assertEquals(row, error.get("row").asInt(), response.body());
        assertTrue(error.get("error").asText().contains(mentions), response.body());
    }
}
