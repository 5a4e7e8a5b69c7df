package io.cameltelemetry.pylot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The password never shows in toString, the endpoint URI Camel logs, log lines or exception text. */
class PylotSecretMaskingTest extends PylotTestSupport {

    private static final String SECRET = "Sup3rS3cretPw";
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("secret-route")
                        .to("pylot:A?baseUrl=" + baseUrl() + "&username=user&password=RAW(" + SECRET
                            + ")&node=N&metric=m&maxRetries=2&retryInitialDelay=1");
            }
        };
    }

    @BeforeEach
    void captureLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logLines.add(event.getMessage().getFormattedMessage()
                             + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        appender.start();
        ctx.getConfiguration().getRootLogger().addAppender(appender, Level.TRACE, null);
        ctx.getConfiguration().getRootLogger().setLevel(Level.DEBUG);
        // Apache HttpClient's wire and headers loggers dump requests byte for byte at DEBUG, the Authorization header
        // included (documented in pylot-component.adoc); every other logger, ours and Camel's, is checked at DEBUG
        Configurator.setLevel("org.apache.hc.client5.http.wire", Level.INFO);
        Configurator.setLevel("org.apache.hc.client5.http.headers", Level.INFO);
        ctx.updateLoggers();
    }

    @AfterEach
    void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender("capture");
        ctx.getConfiguration().getRootLogger().setLevel(Level.INFO);
        ctx.updateLoggers();
    }

    @Test
    void passwordNeverLeaks() {
        wireMock.stubFor(post(urlEqualTo("/api/measurements"))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"down\"}")));
        Exchange out = template.send("direct:send", e -> {
            e.getIn().setBody(1);
            e.getIn().setHeader(PylotConstants.TIMESTAMP, "2024-01-01T00:00:00");
        });
        PylotException error = assertInstanceOf(PylotException.class, out.getException());
        assertEquals(3, requests().size());

        PylotEndpoint endpoint = context.getEndpoints().stream().filter(PylotEndpoint.class::isInstance)
                .map(PylotEndpoint.class::cast).findFirst().orElseThrow();
        String config = endpoint.getConfiguration().toString();
        assertFalse(config.contains(SECRET), config);
        assertTrue(config.contains("password=******"), config);
        assertFalse(endpoint.toString().contains(SECRET), endpoint.toString());
        assertFalse(endpoint.getClient().toString().contains(SECRET));
        assertFalse(error.getMessage().contains(SECRET), error.getMessage());
        assertFalse(error.getUri().contains(SECRET));
        assertFalse(String.valueOf(error.getResponseHeaders()).contains(SECRET));

        assertTrue(logLines.stream().anyMatch(l -> l.contains("retry 1/2")), "retries are logged: " + logLines);
        String basicToken = basic("user", SECRET).substring("Basic ".length());
        logLines.forEach(line -> {
            assertFalse(line.contains(SECRET), line);
            assertFalse(line.contains(basicToken), line);
        });
        // a WARN line that a user might paste into a ticket
        assertTrue(logLines.stream().anyMatch(l -> l.contains("HTTP 503")), String.valueOf(logLines));
        Map<String, String> headers = Map.of("Authorization", requests().get(0).getHeader("Authorization"));
        assertEquals(basic("user", SECRET), headers.get("Authorization"));
    }
}
