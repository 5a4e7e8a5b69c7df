package io.cameltelemetry.archfx;

import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.SecretAssertions;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login, the Authorization header, refresh in its three answer shapes, re-login, logout, and the password kept. */
class ArchFxSessionTest extends ArchFxTestSupport {

    private static final String ORG = "/api/v1/org/";

    private void stubOrgAcceptingOnly(String token) {
        wireMock.stubFor(get(urlEqualTo(ORG)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"expired\"}")));
        wireMock.stubFor(get(urlEqualTo(ORG)).withHeader("Authorization", equalTo("jwt " + token)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("[{\"slug\": \"acme\"}]")));
    }

    private Exchange listOrgs(String options) {
        return template.send(archfx("api", "resource=org" + (options.isEmpty() ? "" : "&" + options)), e -> {
        });
    }

    @Test
    void logsInLazilyWithoutAuthorizationThenSendsJwtToken() throws Exception {
        stubLogin("T1", "R1");
        stubOrgAcceptingOnly("T1");
        Exchange out = listOrgs("");
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals("acme", ((java.util.Map<?, ?>) ((List<?>) out.getMessage().getBody()).get(0)).get("slug"));
        LoggedRequest login = requests("/api/v1/auth/login/").get(0);
        assertNull(login.getHeader("Authorization"), "never an Authorization header on login");
        assertEquals("{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}", login.getBodyAsString());
        assertEquals("jwt T1", requests(ORG).get(0).getHeader("Authorization"));
        listOrgs("");
        assertEquals(1, requests("/api/v1/auth/login/").size(), "one login, shared");
    }

    @Test
    void on401TheTokenIsRefreshedRotatedAndTheRequestRepeated() throws Exception {
        stubLogin("T1", "R1");
        stubOrgAcceptingOnly("T2");
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/api-jwt-refresh/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"access\": \"T2\", \"refresh\": \"R2\"}")));
        Exchange out = listOrgs("");
        assertNull(out.getException(), String.valueOf(out.getException()));
        LoggedRequest refresh = requests("/api/v1/auth/api-jwt-refresh/").get(0);
        assertEquals("{\"refresh\":\"R1\"}", refresh.getBodyAsString());
        assertEquals(List.of("jwt T1", "jwt T2"), requests(ORG).stream().map(r -> r.getHeader("Authorization")).toList());
        // the rotated refresh token is used next time
        stubOrgAcceptingOnly("T3");
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/api-jwt-refresh/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"access\": \"T3\"}")));
        assertNull(listOrgs("").getException());
        assertEquals("{\"refresh\":\"R2\"}", requests("/api/v1/auth/api-jwt-refresh/").get(1).getBodyAsString());
        // {access} alone keeps R2
        stubOrgAcceptingOnly("T4");
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/api-jwt-refresh/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"token\": \"T4\"}")));
        assertNull(listOrgs("").getException());
        assertEquals("{\"refresh\":\"R2\"}", requests("/api/v1/auth/api-jwt-refresh/").get(2).getBodyAsString(),
                "{access} alone keeps the refresh token");
    }

    @Test
    void aFailedRefreshLogsInAgainOnceAndALegacyRefreshSendsTheToken() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/login/")).inScenario("l").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"jwt\": \"T1\", \"username\": \"ops\"}"))
                .willSetStateTo("again"));
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/login/")).inScenario("l").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"jwt\": \"T9\", \"username\": \"ops\"}")));
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/api-jwt-refresh/")).willReturn(aResponse().withStatus(400)));
        stubOrgAcceptingOnly("T9");
        Exchange out = listOrgs("");
        assertNull(out.getException(), String.valueOf(out.getException()));
        assertEquals("{\"token\":\"T1\"}", requests("/api/v1/auth/api-jwt-refresh/").get(0).getBodyAsString(),
                "no refresh token: the legacy form");
        assertEquals(2, requests("/api/v1/auth/login/").size());
    }

    @Test
    void aGivenTokenIsUsedAsItIsRefusedStandsAndIsNeverLoggedOut() throws Exception {
        stubLogin("unused", null);
        wireMock.stubFor(get(urlEqualTo(ORG)).withHeader("Authorization", equalTo("token api-key-1")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        Exchange out = listOrgs("email=-&password=-&token=RAW(api-key-1)&tokenType=token");
        assertNull(out.getException(), String.valueOf(out.getException()));
        wireMock.stubFor(get(urlEqualTo(ORG)).willReturn(aResponse().withStatus(401)));
        out = template.send(archfx("api", "resource=org&email=-&password=-&token=RAW(api-key-2)&tokenType=token"),
                e -> {
                });
        ArchFxException e = assertInstanceOf(ArchFxException.class, out.getException());
        assertEquals(401, e.getStatusCode());
        context.stop();
        assertEquals(0, requests("/api/v1/auth/login/").size());
        assertEquals(0, requests("/api/v1/auth/logout/").size(), "a given token is never logged out");
    }

    @Test
    void theLastEndpointOfASessionLogsOutAndThePasswordShowsNowhereElse() throws Exception {
        stubLogin("T1", "R1");
        stubOrgAcceptingOnly("T1");
        listOrgs("");
        template.send(archfx("api", "resource=org&rawJson=true"), e -> {
        });
        context.stop();
        List<LoggedRequest> logout = requests("/api/v1/auth/logout/");
        assertEquals(1, logout.size(), "one logout, by the last endpoint");
        assertEquals("jwt T1", logout.get(0).getHeader("Authorization"));
        assertEquals("{}", logout.get(0).getBodyAsString());
        for (LoggedRequest r : requests()) {
            if (!r.getUrl().equals("/api/v1/auth/login/")) {
                SecretAssertions.assertNoSecret(r.getUrl(), r.getBodyAsString() + r.getUrl() + r.getHeaders(), PASSWORD);
            }
        }
        assertTrue(true);
    }

    @Test
    void aRefusedLoginIsATypedErrorWithoutThePassword() {
        wireMock.stubFor(post(urlEqualTo("/api/v1/auth/login/")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"bad credentials\"}")));
        Exchange out = listOrgs("");
        ArchFxException e = assertInstanceOf(ArchFxException.class, out.getException());
        assertEquals(401, e.getStatusCode());
        assertTrue(e.getMessage().contains("/api/v1/auth/login/"), e.getMessage());
        SecretAssertions.assertNoSecret("exception", SecretAssertions.chain(e), PASSWORD);
    }
}
