package io.cameltelemetry.quarkus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quarkus finds our plain Camel components through the {@code META-INF/jandex.idx} camel-package-maven-plugin writes:
 * without it the application starts and then cannot resolve {@code pylot:}. Every component jar must have one.
 */
class ComponentJarsTest {

    @Test
    void everyComponentJarHasAJandexIndex() throws Exception {
        Map<String, Path> components = TelemetryComponents.onClassPath();
        assertTrue(components.keySet().containsAll(List.of("archfx", "dcs", "esmond", "initialstate", "pylot")),
                "components found: " + components);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> c : components.entrySet()) {
            if (!TelemetryComponents.hasJandexIndex(c.getValue())) {
                missing.add(c.getKey() + " (" + c.getValue() + ")");
            }
        }
        assertEquals(List.of(), missing, "component jars without META-INF/jandex.idx");
    }
}
