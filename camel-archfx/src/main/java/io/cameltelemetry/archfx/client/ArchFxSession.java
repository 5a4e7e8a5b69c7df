package io.cameltelemetry.archfx.client;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpAuthenticator;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ArchFX login, shared by every endpoint of a component with the same domain and credentials: it logs in lazily
 * ({@code POST /auth/login/} with email and password, never with an Authorization header), adds
 * {@code Authorization: <tokenType> <token>} to every other request, and on a 401 refreshes the token once
 * ({@code POST /auth/api-jwt-refresh/}: {@code {"refresh"}} when a refresh token is known, else {@code {"token"}};
 * answers {@code {access, refresh}}, {@code {access}} (the refresh token kept) or {@code {token}}), else logs in again
 * once; the request is then repeated once. A given token is used as it is and never logged out; a session that logged
 * in logs out ({@code POST /auth/logout/}, 204) when the last endpoint using it stops. The password appears only in the
 * login body.
 */
public final class ArchFxSession implements HttpAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ArchFxSession.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String api;
    private final String email;
    private final String password;
    private final String givenToken;
    private final String tokenType;
    private volatile String access;
    private volatile String refresh;
    private volatile boolean loggedIn;
    /** Bumped by every renewal; a request remembers the generation of the token it was sent with. */
    private volatile long generation;
    private final ThreadLocal<Long> sentWith = new ThreadLocal<>();
    private TelemetryHttpClient loginClient;

    /**
     * @param api the API root, {@code https://host/api/v1}
     */
    public ArchFxSession(String api, String email, String password, String token, String tokenType) {
        this.api = api;
        this.email = email;
        this.password = password;
        this.givenToken = token;
        this.tokenType = tokenType;
        this.access = token;
    }

    @Override
    public void authenticate(HttpUriRequestBase request, HttpClientContext context, TelemetryHttpClient client)
            throws Exception {
        String token = access;
        if (token == null) {
            token = login(client);
        }
        sentWith.set(generation);
        request.setHeader("Authorization", tokenType + " " + token);
    }

    /** Logs in unless a token is there already (another request logged in meanwhile). */
    private synchronized String login(TelemetryHttpClient client) throws Exception {
        if (access != null) {
            return access;
        }
        if (email == null || password == null) {
            throw new IllegalStateException("ArchFX: no token and no email/password to log in with");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        JsonNode answer = client.execute(HttpRequestSpec.post(api + "/auth/login/").authenticated(false)
                .header("Accept", "application/json")
                .body(MAPPER.writeValueAsBytes(body), ContentType.APPLICATION_JSON),
                response -> MAPPER.readTree(response.getEntity().getContent()));
        JsonNode jwt = answer == null ? null : answer.get("jwt");
        if (jwt == null || !jwt.isTextual()) {
            throw new IllegalStateException("ArchFX login answered without a jwt");
        }
        refresh = answer.hasNonNull("jwt_refresh_token") ? answer.get("jwt_refresh_token").asText() : null;
        access = jwt.asText();
        loggedIn = true;
        loginClient = client;
        LOG.debug("Logged in to ArchFX at {}", api);
        return access;
    }

    @Override
    public synchronized boolean renew(ErrorResponse refused, TelemetryHttpClient client) throws Exception {
        Long used = sentWith.get();
        if (used != null && used != generation && access != null) {
            return true; // another request renewed since this one was sent: repeat it with the new token
        }
        generation++;
        if ("jwt".equalsIgnoreCase(tokenType) && access != null && refreshToken(client)) {
            return true;
        }
        if (email != null && password != null) {
            access = null;
            refresh = null;
            login(client);
            return true;
        }
        return false; // a given token the server refuses: the 401 stands
    }

    private boolean refreshToken(TelemetryHttpClient client) {
        Map<String, String> body = new LinkedHashMap<>();
        if (refresh != null) {
            body.put("refresh", refresh);
        } else {
            body.put("token", access);
        }
        String current = access;
        try {
            JsonNode answer = client.execute(HttpRequestSpec.post(api + "/auth/api-jwt-refresh/").authenticated(false)
                    .header("Authorization", tokenType + " " + current).header("Accept", "application/json")
                    .body(MAPPER.writeValueAsBytes(body), ContentType.APPLICATION_JSON),
                    response -> MAPPER.readTree(response.getEntity().getContent()));
            if (answer != null && answer.hasNonNull("access")) {
                access = answer.get("access").asText();
                if (answer.hasNonNull("refresh")) {
                    refresh = answer.get("refresh").asText(); // rotated; else the old one stays
                }
                return true;
            }
            if (answer != null && answer.hasNonNull("token")) {
                access = answer.get("token").asText();
                return true;
            }
            LOG.info("ArchFX token refresh answered neither access nor token; logging in again");
        } catch (Exception e) {
            LOG.info("ArchFX token refresh failed ({}); logging in again", e.getMessage());
        }
        return false;
    }

    /** The client a logout goes through: the releasing endpoint's, which is still open then. */
    public synchronized void logoutWith(TelemetryHttpClient client) {
        if (loggedIn) {
            loginClient = client;
        }
    }

    /** Logs out when this session logged in (never a given token); errors are only logged. */
    public synchronized void close() {
        if (!loggedIn || loginClient == null) {
            return;
        }
        String token = access;
        loggedIn = false;
        access = givenToken;
        refresh = null;
        try {
            int status = loginClient.execute(HttpRequestSpec.post(api + "/auth/logout/").authenticated(false)
                    .header("Authorization", tokenType + " " + token).body(new byte[]{ '{', '}' },
                            ContentType.APPLICATION_JSON));
            LOG.debug("Logged out of ArchFX at {} ({})", api, status);
        } catch (Exception e) {
            LOG.info("Logging out of ArchFX at {} failed: {}", api, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ArchFxSession[" + api + ", " + (givenToken != null ? "token" : "email/password") + ", tokenType="
                + tokenType + ", access=" + (access == null ? "none" : "******") + "]";
    }
}
