package io.cameltelemetry.examples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import io.cameltelemetry.pylot.PylotComponent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The camel-pylot artifact this module is built against (the jar, in a Maven build) carries the generated Camel
 * metadata: configurers, URI factory, services files and the catalog model.
 */
class PylotJarContentsTest {

    static final List<String> GENERATED = List.of(
            "io/cameltelemetry/pylot/PylotComponentConfigurer.class",
            "io/cameltelemetry/pylot/PylotEndpointConfigurer.class",
            "io/cameltelemetry/pylot/PylotEndpointUriFactory.class",
            "META-INF/services/org/apache/camel/component/pylot",
            "META-INF/services/org/apache/camel/configurer/pylot-component",
            "META-INF/services/org/apache/camel/configurer/pylot-endpoint",
            "META-INF/services/org/apache/camel/urifactory/pylot-endpoint",
            "META-INF/io/cameltelemetry/pylot/pylot.json");

    @Test
    void generatedMetadataIsPackaged() throws Exception {
        File location = new File(PylotComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (location.isFile()) {
            try (JarFile jar = new JarFile(location)) {
                for (String entry : GENERATED) {
                    assertTrue(jar.getEntry(entry) != null, entry + " missing from " + location);
                }
            }
        } else {
            // run from an IDE against target/classes
            for (String entry : GENERATED) {
                assertTrue(Files.exists(Path.of(location.getPath(), entry)), entry + " missing from " + location);
            }
        }
    }
}
