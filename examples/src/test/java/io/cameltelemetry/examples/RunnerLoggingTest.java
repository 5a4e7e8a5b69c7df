package io.cameltelemetry.examples;

import java.net.URI;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The runner's logging configuration keeps the loggers that print secrets at DEBUG at INFO. */
class RunnerLoggingTest {

    @Test
    void loggersThatPrintSecretsStayAtInfoWhenTheRootLevelIsRaised() throws Exception {
        URI config = RunnerLoggingTest.class.getResource("/log4j2.properties").toURI();
        try (LoggerContext ctx = Configurator.initialize("runner-config", null, config)) {
            ctx.getConfiguration().getRootLogger().setLevel(Level.DEBUG);
            ctx.updateLoggers();
            for (String name : new String[]{ "org.apache.camel.main.BaseMainSupport", "org.apache.camel.main.MainHelper",
                    "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers" }) {
                assertEquals(Level.INFO, ctx.getLogger(name).getLevel(), name);
            }
            assertEquals(Level.DEBUG, ctx.getLogger("io.cameltelemetry.pylot").getLevel());
        }
    }
}
