package io.cameltelemetry.quarkus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * ({@code META-INF/io/cameltelemetry/<name>/<name>.json}): a new component is covered by the tests that use this
 * without touching them.
 */
final class TelemetryComponents {

    private static final Pattern CATALOG = Pattern.compile("META-INF/io/cameltelemetry/([a-z0-9]+)/\\1\\.json");

    private TelemetryComponents() {
    }

    /** Component name -> the jar (or classes directory) holding it. */
    static Map<String, Path> onClassPath() {
        Map<String, Path> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            try {
                if (Files.isDirectory(path)) {
                    Path dir = path.resolve("META-INF/io/cameltelemetry");
                    if (Files.isDirectory(dir)) {
                        try (var names = Files.list(dir)) {
                            names.filter(d -> Files.exists(d.resolve(d.getFileName() + ".json")))
                                    .forEach(d -> found.put(d.getFileName().toString(), path));
                        }
                    }
                } else if (entry.endsWith(".jar") && Files.exists(path)) {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                            Matcher m = CATALOG.matcher(e.nextElement().getName());
                            if (m.matches()) {
                                found.put(m.group(1), path);
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

    /** Whether a jar (or classes directory) has a Jandex index. */
    static boolean hasJandexIndex(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            return Files.exists(location.resolve("META-INF/jandex.idx"));
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return jar.getEntry("META-INF/jandex.idx") != null;
        }
    }
}
