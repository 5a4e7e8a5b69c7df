package io.cameltelemetry.archfx.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cameltelemetry.archfx.ArchFxException;
import io.cameltelemetry.archfx.ArchFxValidationException;
import io.cameltelemetry.common.TelemetryMalformedResponseException;
import io.cameltelemetry.common.http.ErrorResponse;
import io.cameltelemetry.common.http.HttpAuthenticator;
import io.cameltelemetry.common.http.HttpRequestSpec;
import io.cameltelemetry.common.http.TelemetryHttpClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
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
    /** The most bytes of a login or refresh answer read. */
    private static final int MAX_ANSWER = 64 * 1024;

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
        client.masker().add(token); // a gateway that echoes the Authorization header never puts it in an exception
        request.setHeader("Authorization", tokenType + " " + token);
    }

    /** Logs in unless a token is there already (another request logged in meanwhile). */
    private synchronized String login(TelemetryHttpClient client) throws Exception {
        if (access != null) {
            return access;
        }
        if (email == null || password == null) {
            throw new ArchFxValidationException("password", null, "no token and no email/password to log in with");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        String url = api + "/auth/login/";
        JsonNode answer = client.execute(HttpRequestSpec.post(url).authenticated(false)
                .header("Accept", "application/json")
                .body(MAPPER.writeValueAsBytes(body), ContentType.APPLICATION_JSON),
                response -> readObject(client, url, response, "login"));
        JsonNode jwt = answer.get("jwt");
        if (jwt == null || !jwt.isTextual() || jwt.asText().isBlank()) {
            throw malformed(client, url, 200, jwt == null
                    ? "a login answer without a jwt"
                    : "a login answer whose jwt is " + (jwt.isTextual()
                            ? "blank"
                            : jwt.getNodeType().name().toLowerCase(
                                    Locale.ROOT) + ", not a string"),
                    answer.toString());
        }
        JsonNode refreshNode = answer.get("jwt_refresh_token");
        refresh = refreshNode != null && refreshNode.isTextual() ? refreshNode.asText() : null;
        access = jwt.asText();
        client.masker().add(access);
        client.masker().add(refresh);
        loggedIn = true;
        loginClient = client;
        LOG.debug("Logged in to ArchFX at {}", api);
        return access;
    }

    /** The answer's body as a JSON object, or the typed error saying what it looked like (secrets masked). */
    private static JsonNode readObject(TelemetryHttpClient client, String url, ClassicHttpResponse response, String what)
            throws IOException, ArchFxException {
        byte[] bytes = response.getEntity() == null
                ? new byte[0]
                : response.getEntity().getContent().readNBytes(MAX_ANSWER);
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode answer;
        try {
            answer = bytes.length == 0 ? null : MAPPER.readTree(bytes);
        } catch (IOException notJson) {
            throw malformed(client, url, response.getCode(), "a " + what + " answer that is not JSON (" + contentType(
                    response) + ")", text);
        }
        if (answer == null || answer.isMissingNode()) {
            throw malformed(client, url, response.getCode(), "an empty " + what + " answer", text);
        }
        if (!answer.isObject()) {
            throw malformed(client, url, response.getCode(), "a " + what + " answer that is a JSON " + answer.getNodeType()
                    .name().toLowerCase(Locale.ROOT) + ", not an object", text);
        }
        return answer;
    }

    private static String contentType(ClassicHttpResponse response) {
        return response.getEntity() == null || response.getEntity().getContentType() == null
                ? "no Content-Type"
                : response.getEntity().getContentType();
    }

    private static TelemetryMalformedResponseException malformed(TelemetryHttpClient client, String url, int status,
            String problem, String excerpt) {
        return new TelemetryMalformedResponseException("ArchFX", "POST", TelemetryHttpClient.sanitise(url), status, problem,
                client.masker().mask(excerpt));
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
                    response -> readObject(client, api + "/auth/api-jwt-refresh/", response, "token refresh"));
            if (answer != null && answer.path("access").isTextual()) {
                access = answer.get("access").asText();
                if (answer.path("refresh").isTextual()) {
                    refresh = answer.get("refresh").asText(); // rotated; else the old one stays
                }
                client.masker().add(access);
                client.masker().add(refresh);
                return true;
            }
            if (answer != null && answer.path("token").isTextual()) {
                access = answer.get("token").asText();
                client.masker().add(access);
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
