package io.cameltelemetry.examples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.cameltelemetry.archfx.ArchFxComponent;
import io.cameltelemetry.dcs.DcsComponent;
import io.cameltelemetry.esmond.EsmondComponent;
import io.cameltelemetry.initialstate.InitialStateComponent;
import io.cameltelemetry.pylot.PylotComponent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each component artifact this module is built against (the jar, in a Maven build) carries the generated Camel
 * metadata: configurers, URI factory, services files and the catalog model.
 */
class ComponentJarContentsTest {

    static Stream<Arguments> components() {
        return Stream.of(Arguments.of(PylotComponent.class, "pylot", "Pylot"), Arguments.of(DcsComponent.class, "dcs", "Dcs"),
                Arguments.of(InitialStateComponent.class, "initialstate", "InitialState"),
                Arguments.of(EsmondComponent.class, "esmond", "Esmond"),
                Arguments.of(ArchFxComponent.class, "archfx", "ArchFx"));
    }

    @ParameterizedTest
    @MethodSource("components")
    void generatedMetadataIsPackaged(Class<?> component, String scheme, String prefix) throws Exception {
        String pkg = "io/cameltelemetry/" + scheme + "/";
        List<String> generated = List.of(
                pkg + prefix + "ComponentConfigurer.class",
                pkg + prefix + "EndpointConfigurer.class",
                pkg + prefix + "EndpointUriFactory.class",
                "META-INF/services/org/apache/camel/component/" + scheme,
                "META-INF/services/org/apache/camel/configurer/" + scheme + "-component",
                "META-INF/services/org/apache/camel/configurer/" + scheme + "-endpoint",
                "META-INF/services/org/apache/camel/urifactory/" + scheme + "-endpoint",
                "META-INF/" + pkg + scheme + ".json");
        File location = new File(component.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (location.isFile()) {
            try (JarFile jar = new JarFile(location)) {
                for (String entry : generated) {
                    assertTrue(jar.getEntry(entry) != null, entry + " missing from " + location);
                }
            }
        } else {
            // run from an IDE against target/classes
            for (String entry : generated) {
                assertTrue(Files.exists(Path.of(location.getPath(), entry)), entry + " missing from " + location);
            }
        }
    }
}
