package io.cameltelemetry.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cameltelemetry.examples.sandbox.Sandboxes;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts every sandbox before the application and points the components (and the demo's files) at them. */
public class SandboxesResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Sandboxes sandboxes;

    @Override
    public Map<String, String> start() {
        try {
            sandboxes = Sandboxes.start();
            Map<String, String> config = new LinkedHashMap<>(sandboxes.properties());
            config.put("demo.data-dir", Files.createTempDirectory("quarkus-demo").toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (sandboxes != null) {
            sandboxes.close();
        }
    }

    /** The running sandboxes. */
    static Sandboxes sandboxes() {
        return sandboxes;
    }
}
