package io.cameltelemetry.dcs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.dcs.model.DcsMeter;
import io.cameltelemetry.dcs.model.DcsVirtualMeter;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in, cookies, re-sign-in on 401, one transaction at a time, retries, 429, errors, sign-out. */
class DcsSessionTest extends DcsTestSupport {

    static final String METERS = """
            [{"id": 405, "connectionMethod": "tcp", "deviceId": "", "name": "Sample meter", "meterType": "x",
              "remoteAddress": "10.8.222.99:5000", "serialNumber": "R1100729", "status": "online", "futureField": 7,
              "registers": [{"id": 733, "address": "130", "isInstantaneous": false, "name": "Active Energy (import)",
                             "scaleFactor": "", "defaultScaleFactor": "1.5", "unit": "kWh"},
                            {"id": 734, "address": "131", "isInstantaneous": true, "name": "Power",
                             "scaleFactor": "", "defaultScaleFactor": "", "unit": "kW"}]}]""";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:meters").to(dcsAuth("meters", false, ""));
                from("direct:vms").to(dcsAuth("virtualMeters", false, ""));
            }
        };
    }

    @Test
    void signsInLazilyAndSendsEveryCookieBack() {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).willReturn(aResponse().withStatus(200).withBody(METERS)));
        @SuppressWarnings("unchecked")
        List<DcsMeter> meters = template.requestBody("direct:meters", null, List.class);
        assertEquals("Sample meter", meters.get(0).name());
        assertEquals(1.5, meters.get(0).registers().get(0).effectiveScaleFactor());
        assertEquals(1.0, meters.get(0).registers().get(1).effectiveScaleFactor());
        assertTrue(meters.get(0).registers().get(1).instantaneous());
        wireMock.verify(postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signin"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(WireMock.equalToJson(
                        "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}")));
        LoggedRequest get = wireMock.findAll(getRequestedFor(urlEqualTo("/DCSWebApi/meters"))).get(0);
        assertTrue(get.getHeader("Cookie").contains("COHERENT-DCS-API=token-1"), get.getHeader("Cookie"));
        assertTrue(get.getHeader("Cookie").contains("COHERENT-DCS-APIC1=part-2"), get.getHeader("Cookie"));
    }

    @Test
    void signsInAgainOnceOn401AndRepeatsTheRequest() {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/virtualMeters")).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("[]")).willSetStateTo("expired"));
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/virtualMeters")).inScenario("expiry").whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(401).withBody("{\"details\": \"token expired\"}"))
                .willSetStateTo("renewed"));
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/virtualMeters")).inScenario("expiry").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withStatus(200).withBody("""
                        [{"id": 9, "name": "Sample Virtual Meter", "expression": "R1+R2", "decimalPlaces": 2,
                          "isInstantaneous": false, "unit": "kWh",
                          "registerAliases": [{"alias": "R1", "registerId": 1156, "registerName": ""}]}]""")));
        template.requestBody("direct:vms", (Object) null);
        @SuppressWarnings("unchecked")
        List<DcsVirtualMeter> vms = template.requestBody("direct:vms", null, List.class);
        assertEquals(1156, vms.get(0).registerAliases().get(0).registerId());
        wireMock.verify(2, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signin")));
        wireMock.verify(3, getRequestedFor(urlEqualTo("/DCSWebApi/virtualMeters")));
    }

    @Test
    void aSecond401IsAnError() {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).willReturn(aResponse().withStatus(401)
                .withBody("{\"details\": \"no access\"}")));
        Exchange out = template.send("direct:meters", e -> {
        });
        DcsException error = assertInstanceOf(DcsException.class, out.getException());
        assertEquals(401, error.getStatusCode());
        assertEquals("no access", error.getDetails());
        wireMock.verify(2, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signin")));
    }

    @Test
    void oneRequestAtATimePerSession() throws Exception {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).willReturn(aResponse().withStatus(200).withBody("[]")
                .withFixedDelay(150)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> template.requestBody("direct:meters", (Object) null)));
            }
            for (Future<Object> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        List<LoggedRequest> gets = wireMock.findAll(getRequestedFor(urlEqualTo("/DCSWebApi/meters")));
        assertEquals(4, gets.size());
        List<Instant> received = gets.stream().map(r -> r.getLoggedDate().toInstant()).sorted().toList();
        for (int i = 1; i < received.size(); i++) {
            long gap = received.get(i).toEpochMilli() - received.get(i - 1).toEpochMilli();
            assertTrue(gap >= 140, "requests " + (i - 1) + " and " + i + " overlapped: " + gap + " ms apart");
        }
        wireMock.verify(1, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signin")));
    }

    @Test
    void retries502AndWaitsOut429() {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("limited"));
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).inScenario("flaky").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1s")
                        .withBody("{\"details\": \"slow down\", \"backOffSuggestion\": 1}"))
                .willSetStateTo("limited2"));
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).inScenario("flaky").whenScenarioStateIs("limited2")
                .willReturn(aResponse().withStatus(429).withBody("{\"details\": \"slow down\", \"backOffSuggestion\": 1}"))
                .willSetStateTo("ok"));
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("[]")));
        long start = System.nanoTime();
        Exchange out = template.send(dcsAuth("meters", false, "").replace("retryMaxDelay=20", "retryMaxDelay=300"), e -> {
        });
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertNull(out.getException());
        wireMock.verify(4, getRequestedFor(urlEqualTo("/DCSWebApi/meters")));
        // two 429 waits of 1 s each (Retry-After "1s", then backOffSuggestion 1), in full although retryMaxDelay=300 ms
        // caps our own backoff; the 502's jittered backoff is at most retryInitialDelay=1 ms
        assertTrue(waited >= 1950, "waited " + waited + " ms");
    }

    @Test
    void errorsCarryTheServersDetailsAndAreNotRetried() {
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/public/virtualMeters")).willReturn(aResponse().withStatus(403)
                .withBody("{\"details\": \"Meter restriction profile forbids this\"}")));
        Exchange out = template.send(dcs("virtualMeters", ""), e -> {
        });
        DcsException error = assertInstanceOf(DcsException.class, out.getException());
        assertInstanceOf(HttpOperationFailedException.class, error);
        assertEquals(403, error.getStatusCode());
        assertEquals("Meter restriction profile forbids this", error.getDetails());
        assertTrue(error.getMessage().endsWith(": Meter restriction profile forbids this"), error.getMessage());
        assertEquals(base() + "/public/virtualMeters", error.getUri());
        wireMock.verify(1, getRequestedFor(urlEqualTo("/DCSWebApi/public/virtualMeters")));
    }

    @Test
    void aFailedSignInIsTypedAndHidesThePassword() {
        wireMock.stubFor(post(urlEqualTo("/DCSWebApi/authentication/signin")).willReturn(aResponse().withStatus(401)
                .withBody("{\"details\": \"Invalid username or password\"}")));
        Exchange out = template.send("direct:meters", e -> {
        });
        DcsException error = assertInstanceOf(DcsException.class, out.getException());
        assertEquals(401, error.getStatusCode());
        assertFalse(error.getMessage().contains(PASSWORD));
        assertFalse(String.valueOf(error.getResponseBody()).contains(PASSWORD));
        wireMock.verify(0, getRequestedFor(urlEqualTo("/DCSWebApi/meters")));
    }

    @Test
    void signsOutWhenStopped() throws Exception {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).willReturn(aResponse().withStatus(200).withBody("[]")));
        template.requestBody("direct:meters", (Object) null);
        context.stop();
        wireMock.verify(1, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signout"))
                .withHeader("Cookie", containing("COHERENT-DCS-API=token-1")));
    }

    @Test
    void statusIsRawJson() {
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/public/status")).willReturn(aResponse().withStatus(200)
                .withBody("{\"version\": \"3.1\", \"healthy\": true}")));
        assertEquals(java.util.Map.of("version", "3.1", "healthy", true),
                template.requestBody(dcs("status", ""), (Object) null));
    }

    @Test
    void endpointsShareASessionOnlyWhenTheirHttpOptionsAgreeAndTheLastOneSignsOut() throws Exception {
        stubSignIn();
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/meters")).willReturn(aResponse().withStatus(200).withBody(METERS)));
        wireMock.stubFor(get(urlEqualTo("/DCSWebApi/virtualMeters")).willReturn(aResponse().withStatus(200).withBody("[]")));
        template.requestBody("direct:meters", null, List.class);
        template.requestBody("direct:vms", null, List.class);
        DcsComponent component = context.getComponent("dcs", DcsComponent.class);
        // one session (and its HTTP client) for both routes' endpoints: signed in once
        wireMock.verify(1, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signin")));
        assertEquals(2, component.shared().size(), "a session and its HTTP client");

        String slow = dcsAuth("meters", false, "requestTimeout=5000");
        template.requestBody(slow, null, List.class);
        wireMock.verify(2, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signin")));
        assertEquals(4, component.shared().size(), "another requestTimeout gets its own session, never ignored");

        context.getEndpoint(slow).stop();
        context.removeEndpoint(context.getEndpoint(slow));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/DCSWebApi/authentication/signout")));
        assertEquals(2, component.shared().size(), "the last user of a session closed it");
    }
}
