package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded stand-ins of every cloud the project talks to, started together on 127.0.0.1 with free ports. The
 * runner's {@code --sandbox} uses {@link #properties()} to point each component at them.
 */
public final class Sandboxes implements AutoCloseable {

    private final PylotSandbox pylot;
    private final DcsSandbox dcs;
    private final InitialStateSandbox initialState;

    private Sandboxes(PylotSandbox pylot, DcsSandbox dcs, InitialStateSandbox initialState) {
        this.pylot = pylot;
        this.dcs = dcs;
        this.initialState = initialState;
    }

    public static Sandboxes start() throws IOException {
        PylotSandbox pylot = new PylotSandbox().start(0);
        DcsSandbox dcs = null;
        try {
            dcs = new DcsSandbox().start(0);
            return new Sandboxes(pylot, dcs, new InitialStateSandbox().start(0));
        } catch (IOException | RuntimeException e) {
            pylot.close();
            if (dcs != null) {
                dcs.close();
            }
            throw e;
        }
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
        return props;
    }

    /** What the sandboxes received, for people. */
    public String report() {
        return pylot.report() + dcs.report() + initialState.report();
    }

    @Override
    public void close() {
        pylot.close();
        dcs.close();
        initialState.close();
    }
}
