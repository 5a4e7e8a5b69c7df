package io.cameltelemetry.quarkus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.test.TelemetryCatalogs;
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
        Map<String, TelemetryCatalogs.Component> components = TelemetryCatalogs.onClassPath();
        assertTrue(components.keySet().containsAll(List.of("archfx", "dcs", "esmond", "initialstate", "pylot")),
                "components found: " + components);
        List<String> missing = new ArrayList<>();
        for (TelemetryCatalogs.Component c : components.values()) {
            if (!TelemetryCatalogs.hasJandexIndex(c.location())) {
                missing.add(c.name() + " (" + c.location() + ")");
            }
        }
        assertEquals(List.of(), missing, "component jars without META-INF/jandex.idx");
    }
}
