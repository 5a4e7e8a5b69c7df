package io.cameltelemetry.quarkus;

import java.util.Properties;

import java.io.IOException;

import io.cameltelemetry.examples.sandbox.Sandboxes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.quarkus.main.events.AfterStop;
import org.apache.camel.quarkus.main.events.BeforeConfigure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In the {@code sandbox} profile (and {@code dev}): starts the embedded sandboxes of every cloud on 127.0.0.1 before
 * Camel configures its components, and points each component's URL and credentials at them, as the runner's
 * {@code --sandbox} does. When Camel has stopped it prints what they received. Off in {@code prod} and {@code test} (the tests
 * start the sandboxes themselves).
 */
@ApplicationScoped
public class SandboxLauncher {

    private static final Logger LOG = Logger.getLogger(SandboxLauncher.class);

    @ConfigProperty(name = "demo.sandbox.enabled", defaultValue = "false")
    boolean enabled;

    private volatile Sandboxes sandboxes;

    void beforeConfigure(@Observes BeforeConfigure event) throws IOException {
        if (!enabled) {
            return;
        }
        sandboxes = Sandboxes.start();
        Properties overrides = new Properties();
        sandboxes.properties().forEach((key, value) -> {
            event.getMain().addOverrideProperty(key, value);
            overrides.setProperty(key, value);
        });
        event.getCamelContext().getPropertiesComponent().setOverrideProperties(overrides);
        LOG.infof("Sandboxes started; the components talk to them: %s", sandboxes.properties().keySet());
    }

    /** After Camel stopped (its aggregators flushed into the sandboxes), never before. */
    void afterStop(@Observes AfterStop event) {
        Sandboxes started = sandboxes;
        sandboxes = null;
        if (started != null) {
            started.close();
            System.out.print(started.report());
        }
    }
}
