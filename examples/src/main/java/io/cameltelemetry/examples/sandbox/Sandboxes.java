package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded stand-ins of every cloud the project talks to, started together on 127.0.0.1 with free ports. The
 * runner's {@code --sandbox} uses {@link #properties()} to point each component at them.
 */
public final class Sandboxes implements AutoCloseable {

    private final PylotSandbox pylot;
    private final DcsSandbox dcs;
    private final InitialStateSandbox initialState;
    private final EsmondSandbox esmond;
    private final ArchFxSandbox archfx;

    private Sandboxes(PylotSandbox pylot, DcsSandbox dcs, InitialStateSandbox initialState, EsmondSandbox esmond,
            ArchFxSandbox archfx) {
        this.pylot = pylot;
        this.dcs = dcs;
        this.initialState = initialState;
        this.esmond = esmond;
        this.archfx = archfx;
    }

    public static Sandboxes start() throws IOException {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            PylotSandbox pylot = add(started, new PylotSandbox().start(0));
            DcsSandbox dcs = add(started, new DcsSandbox().start(0));
            InitialStateSandbox initialState = add(started, new InitialStateSandbox().start(0));
            EsmondSandbox esmond = add(started, new EsmondSandbox().start(0));
            ArchFxSandbox archfx = add(started, new ArchFxSandbox().start(0));
            return new Sandboxes(pylot, dcs, initialState, esmond, archfx);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> started, T sandbox) {
        started.add(sandbox);
        return sandbox;
    }

    public EsmondSandbox esmond() {
        return esmond;
    }

    public ArchFxSandbox archfx() {
        return archfx;
    }

    public InitialStateSandbox initialState() {
        return initialState;
    }

    public PylotSandbox pylot() {
        return pylot;
    }

    public DcsSandbox dcs() {
        return dcs;
    }

    /** Component options that send every component's traffic to its sandbox, with the sandbox's credentials. */
    public Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("camel.component.pylot.baseUrl", pylot.baseUrl());
        props.put("camel.component.pylot.username", PylotSandbox.DEFAULT_USERNAME);
        props.put("camel.component.pylot.password", PylotSandbox.DEFAULT_PASSWORD);
        props.put("camel.component.dcs.baseUrl", dcs.publicBaseUrl());
        props.put("camel.component.dcs.apiVersion", "public");
        props.put("camel.component.dcs.username", DcsSandbox.DEFAULT_USERNAME);
        props.put("camel.component.dcs.password", DcsSandbox.DEFAULT_PASSWORD);
        props.put("camel.component.initialstate.baseUrl", initialState.baseUrl());
        props.put("camel.component.initialstate.accessKey", InitialStateSandbox.DEFAULT_ACCESS_KEY);
        props.put("camel.component.esmond.baseUrl", esmond.url());
        props.put("camel.component.esmond.username", EsmondSandbox.DEFAULT_USERNAME);
        props.put("camel.component.esmond.apiKey", EsmondSandbox.DEFAULT_API_KEY);
        props.put("camel.component.archfx.baseUrl", archfx.domain());
        props.put("camel.component.archfx.email", ArchFxSandbox.DEFAULT_EMAIL);
        props.put("camel.component.archfx.password", ArchFxSandbox.DEFAULT_PASSWORD);
        return props;
    }

    /**
     * How much a component's sandbox received: PYLOT measurements, DCS readings served, Initial State events, esmond
     * points written, ArchFX readings accepted.
     *
     * @throws IllegalArgumentException for a component without a sandbox
     */
    public long received(String component) {
        return switch (component) {
            case "pylot" -> pylot.measurementCount();
            case "dcs" -> dcs.readingsServed();
            case "initialstate" -> initialState.eventCount();
            case "esmond" -> esmond.written();
            case "archfx" -> archfx.readingCount();
            default -> throw new IllegalArgumentException("no sandbox for the component " + component);
        };
    }

    /** What the sandboxes received, for people. */
    public String report() {
        return pylot.report() + dcs.report() + initialState.report() + esmond.report() + archfx.report();
    }

    @Override
    public void close() {
        pylot.close();
        dcs.close();
        initialState.close();
        esmond.close();
        archfx.close();
    }
}
