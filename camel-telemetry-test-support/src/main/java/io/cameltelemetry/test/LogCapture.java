package io.cameltelemetry.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line (message and exception) at DEBUG while open, for tests that prove no secret is logged.
 * Apache HttpClient's {@code wire} and {@code headers} loggers stay at INFO: they dump requests byte for byte,
 * credentials included, by design (the components' docs warn about them); every other logger, ours and Camel's, is
 * captured at DEBUG.
 */
public final class LogCapture implements AutoCloseable {

    private static final String[] BYTE_DUMPS = { "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers" };

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final Level rootLevel;

    private LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        rootLevel = context.getConfiguration().getRootLogger().getLevel();
        AbstractAppender appender = new AbstractAppender("log-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(
                        event.getMessage().getFormattedMessage() + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.TRACE, null);
        context.getConfiguration().getRootLogger().setLevel(Level.DEBUG);
        for (String logger : BYTE_DUMPS) {
            Configurator.setLevel(logger, Level.INFO);
        }
        context.updateLoggers();
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** The lines captured so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender("log-capture");
        context.getConfiguration().getRootLogger().setLevel(rootLevel);
        context.updateLoggers();
    }
}
