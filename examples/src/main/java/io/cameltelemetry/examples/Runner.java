package io.cameltelemetry.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import io.cameltelemetry.examples.sandbox.Sandboxes;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code java -jar camel-telemetry-runner.jar [--sandbox] [--max-messages N] [--duration SECONDS] ROUTE_FILE...}
 * <p>
 * Runs YAML route files with camel-main. Properties come from {@code application.properties} in the working directory
 * (or {@code --properties FILE}), {@code -D} system properties and environment variables, as in camel-main. {@code --sandbox}
 * starts the embedded sandboxes and points each component's {@code baseUrl} and credentials at them.
 * {@code --max-messages N} stops after N exchanges started by route consumers have completed, then shuts down
 * gracefully so aggregators complete on stop. Exit code 0 on a clean run; 1 when a route fails to start or an exchange
 * failed unhandled (the reason is printed); 2 on a bad command line.
 */
public final class Runner {

    static final String USAGE = "usage: java -jar camel-telemetry-runner.jar [--sandbox] [--max-messages N] "
            + "[--duration SECONDS] [--properties FILE] ROUTE_FILE...\n"
            + "       java -jar camel-telemetry-runner.jar --serve-sandboxes PROPERTIES_FILE\n"
            + "several replicas (see README, 'Running more than one replica'): give every replica the same\n"
            + "  telemetry.cluster.root=DIR       a directory they share: master: routes poll on one replica at a time\n"
            + "                                   (camel-file's FileLockClusterService; on Kubernetes use Camel K's\n"
            + "                                   master trait instead)\n"
            + "  telemetry.cluster.id=ID          this replica's name in the cluster (default: host name and process id)\n"
            + "  telemetry.cluster.acquireLockInterval=MILLIS  how often the leader beats and a follower tries to take\n"
            + "                                   over (default 1000)\n"
            + "  telemetry.cluster.heartbeatTimeoutMultiplier=N  beats a leader may miss before a follower takes over\n"
            + "                                   (default 3: failover in about 4 to 6 s)\n"
            + "  telemetry.db.url, telemetry.db.user, telemetry.db.password   the database the replicas share\n"
            + "as properties (--properties FILE, -Dname=value or environment variables such as TELEMETRY_CLUSTER_ROOT);\n"
            + "--serve-sandboxes starts only the sandboxes, writes their settings to PROPERTIES_FILE and serves until\n"
            + "stopped, for replicas started with --properties PROPERTIES_FILE";

    /** The parsed command line. */
    record Options(boolean sandbox, long maxMessages, int durationSeconds, Path properties, List<Path> routes,
            Path serveSandboxes) {

        static Options parse(String... args) {
            Path serveSandboxes = null;
            boolean sandbox = false;
            long maxMessages = 0;
            int duration = 0;
            Path properties = Path.of("application.properties");
            List<Path> routes = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--sandbox" -> sandbox = true;
                    case "--max-messages" -> maxMessages = positive(arg, value(args, ++i, arg));
                    case "--duration" -> duration = (int) positive(arg, value(args, ++i, arg));
                    case "--properties" -> properties = Path.of(value(args, ++i, arg));
                    case "--serve-sandboxes" -> serveSandboxes = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        routes.add(Path.of(arg));
                    }
                }
            }
            if (serveSandboxes != null) {
                if (!routes.isEmpty() || sandbox) {
                    throw new IllegalArgumentException("--serve-sandboxes runs no routes: start the replicas separately");
                }
                return new Options(false, 0, 0, properties, List.of(), serveSandboxes);
            }
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("no ROUTE_FILE given");
            }
            for (Path route : routes) {
                if (!Files.isRegularFile(route)) {
                    throw new IllegalArgumentException("route file not found: " + route);
                }
            }
            return new Options(sandbox, maxMessages, duration, properties, List.copyOf(routes), null);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static long positive(String option, String value) {
            try {
                long n = Long.parseLong(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a positive whole number, not '" + value + "'");
        }
    }

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private Sandboxes sandboxes;
    private RunMonitor monitor;

    Runner(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("camel-telemetry-runner: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.serveSandboxes() != null) {
            return serveSandboxes(options.serveSandboxes(), out, err);
        }
        return new Runner(options, out, err).run();
    }

    /** Starts the sandboxes, writes their settings as a properties file and serves until the process is stopped. */
    static int serveSandboxes(Path file, PrintStream out, PrintStream err) {
        try {
            Sandboxes served = Sandboxes.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                served.close();
                out.print(served.report()); // what the clouds received, when the sandboxes are stopped
                out.flush();
            }, "sandboxes-stop"));
            StringBuilder text = new StringBuilder("# written by camel-telemetry-runner --serve-sandboxes\n");
            served.properties().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            out.println("camel-telemetry-runner: sandboxes serving; their settings are in " + file
                    + " (stop with Ctrl-C)");
            out.flush();
            new CountDownLatch(1).await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            err.println("camel-telemetry-runner: cannot serve the sandboxes: " + RunMonitor.describe(e));
            return 1;
        }
    }

    int run() {
        Main main = new Main();
        try {
            main.setPropertyPlaceholderLocations(
                    "file:" + options.properties().toAbsolutePath().normalize() + ";optional=true");
            main.configure().setRoutesIncludePattern(options.routes().stream()
                    .map(p -> "file:" + p.toAbsolutePath().normalize())
                    .collect(Collectors.joining(",")));
            main.configure().setShutdownTimeout(30);
            if (options.durationSeconds() > 0) {
                main.configure().setDurationMaxSeconds(options.durationSeconds());
            }
            if (options.sandbox()) {
                sandboxes = Sandboxes.start();
                sandboxes.properties().forEach(main::addOverrideProperty);
            }
            monitor = new RunMonitor(options.maxMessages(), 30_000, main::completed);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterConfigure(BaseMainSupport m) {
                    try {
                        monitor.install(m.getCamelContext());
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot monitor the run", e);
                    }
                    try {
                        ClusterSettings.install(m.getCamelContext());
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot join the cluster (telemetry.cluster.*)", e);
                    }
                }
            });
            main.run();
            if (main.getExitCode() != 0) {
                err.println("camel-telemetry-runner: camel-main ended with exit code " + main.getExitCode());
                return 1;
            }
        } catch (Exception e) {
            err.println("camel-telemetry-runner: failed: " + RunMonitor.describe(e));
            return 1;
        } finally {
            if (sandboxes != null) {
                sandboxes.close();
                out.print(sandboxes.report());
                out.flush();
            }
        }
        // a batch completed on stop may still be finishing on an aggregator thread
        monitor.awaitInFlight(10_000);
        List<String> failures = monitor.failures();
        if (!failures.isEmpty()) {
            err.println("camel-telemetry-runner: " + failures.size() + " exchange(s) failed unhandled:");
            failures.stream().limit(10).forEach(f -> err.println("  " + f));
            return 1;
        }
        out.println("camel-telemetry-runner: " + monitor.completedCount() + " exchanges completed");
        return 0;
    }

    /** The sandboxes of this run (after {@link #run()}: stopped, still holding what they received). */
    Sandboxes sandboxes() {
        return sandboxes;
    }
}
