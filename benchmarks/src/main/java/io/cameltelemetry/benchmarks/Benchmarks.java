package io.cameltelemetry.benchmarks;

import java.util.Arrays;

/**
 * {@code java -jar benchmarks/target/camel-telemetry-benchmarks.jar pylot|dcs [options]}: runs one end-to-end harness and
 * prints its numbers. See benchmarks/README.md.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: java -jar camel-telemetry-benchmarks.jar pylot|dcs|initialstate|esmond|archfx|soak|archfx-soak|cluster-soak|state [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "pylot" -> System.exit(PylotThroughput.run(rest));
            case "dcs" -> System.exit(DcsStreaming.run(rest));
            case "soak" -> System.exit(BridgeSoak.run(rest));
            case "initialstate" -> System.exit(InitialStateThroughput.run(rest));
            case "esmond" -> System.exit(EsmondStreaming.run(rest));
            case "archfx" -> System.exit(ArchFxEncoding.run(rest));
            case "archfx-soak" -> System.exit(ArchFxSoak.run(rest));
            case "state" -> System.exit(StateOnPostgres.run(rest));
            case "cluster-soak" -> System.exit(ClusterSoak.run(rest));
            default -> {
                System.err.println("unknown benchmark " + args[0]
                        + "; known: pylot, dcs, initialstate, esmond, archfx, soak, archfx-soak, cluster-soak, state");
                System.exit(2);
            }
        }
    }
}
