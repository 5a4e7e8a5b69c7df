package io.cameltelemetry.examples.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cameltelemetry.pylot.PylotConstants;
import org.apache.camel.builder.RouteBuilder;

/**
 * The demo's Java DSL route: a climate computer reports its heating setpoint and vent opening for one zone as a
 * {@code Map} of metric id to value, with the node in the {@code CamelPylotNode} header, into the same batching route
 * as the YAML sensors ({@code direct:pylot-batch}). The runner loads it from {@code application.properties} whatever the
 * route files: without {@code pylot-batch.yaml} its reports are dropped (not blocked on, not failed), so that other
 * demos run alone.
 */
public class ClimateControllerRoute extends RouteBuilder {

    private final AtomicLong ticks = new AtomicLong();

    @Override
    public void configure() {
        from("timer:climate-controller?period={{demo.controllerPeriod:1000}}").routeId("climate-controller")
                .setHeader(PylotConstants.NODE, constant("{{demo.controllerZone:Zone 1}}"))
                .process(exchange -> {
                    long tick = ticks.incrementAndGet();
                    Map<String, Number> setpoints = new LinkedHashMap<>();
                    setpoints.put("heating-setpoint", tick % 10 < 5 ? 18.5 : 19.0);
                    setpoints.put("vent-opening", (tick * 7) % 40);
                    exchange.getMessage().setBody(setpoints);
                })
                .to("direct:pylot-batch?block=false&failIfNoConsumers=false");
    }
}
