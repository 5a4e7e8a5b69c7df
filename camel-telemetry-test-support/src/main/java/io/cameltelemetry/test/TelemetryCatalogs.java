package io.cameltelemetry.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camel-telemetry components on the class path, found by their catalog JSON
 * ({@code META-INF/io/cameltelemetry/<name>/<name>.json}) in the jars and class directories of {@code java.class.path}:
 * tests that use it cover a new component without being touched. JDK classes only, so any module's tests can use it.
 */
public final class TelemetryCatalogs {

    private static final Pattern CATALOG = Pattern.compile("META-INF/io/cameltelemetry/([a-z0-9]+)/\\1\\.json");

    private TelemetryCatalogs() {
    }

    /**
     * A component found on the class path.
     *
     * @param location the jar or classes directory holding it
     * @param json     its catalog JSON
     */
    public record Component(String name, Path location, String json) {
    }

    /** Component name -> what was found, in name order. */
    public static Map<String, Component> onClassPath() {
        Map<String, Component> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            try {
                Path dir = path.resolve("META-INF/io/cameltelemetry");
                if (Files.isDirectory(dir)) {
                    try (var names = Files.list(dir)) {
                        for (Path d : names.toList()) {
                            Path json = d.resolve(d.getFileName() + ".json");
                            if (Files.exists(json)) {
                                String name = d.getFileName().toString();
                                found.put(name, new Component(name, path, Files.readString(json)));
                            }
                        }
                    }
                } else if (entry.endsWith(".jar") && Files.exists(path)) {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                            JarEntry je = e.nextElement();
                            Matcher m = CATALOG.matcher(je.getName());
                            if (m.matches()) {
                                try (InputStream in = jar.getInputStream(je)) {
                                    found.put(m.group(1), new Component(m.group(1), path,
                                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Whether a jar (or classes directory) has a Jandex index, which Quarkus needs to find a plain Camel component. */
    public static boolean hasJandexIndex(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            return Files.exists(location.resolve("META-INF/jandex.idx"));
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.getEntry("META-INF/jandex.idx") != null;
        }
    }
}
