package io.cameltelemetry.quarkus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.cameltelemetry.test.TelemetryCatalogs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's demo routes (the runner's YAML files, the Java DSL climate controller) running in the built Quarkus
 * application against the sandboxes: every camel-telemetry component on the class path must have received data.
 */
@QuarkusTest
@QuarkusTestResource(SandboxesResource.class)
class DemoRoutesTest {

    @Inject
    CamelContext context;

    @Test
    void everyComponentsSandboxReceivesTheDemosData() {
        Set<String> routes = context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(
                TreeSet::new));
        assertTrue(routes.containsAll(List.of("greenhouse-sensors", "climate-controller", "pylot-batch",
                "dcs-energy-to-pylot", "initialstate-dashboard", "iperf3-tests", "throughput-daily-average",
                "factory-floor-sensors", "archfx-zone1-temperature")),
                "routes: " + routes);
        Map<String, TelemetryCatalogs.Component> components = TelemetryCatalogs.onClassPath();
        assertTrue(components.keySet().containsAll(Set.of("archfx", "dcs", "esmond", "initialstate", "pylot")),
                "components on the class path: " + components.keySet());
        for (String component : components.keySet()) {
            await(component).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SandboxesResource.sandboxes().received(component) > 0);
        }
        assertTrue(SandboxesResource.sandboxes().pylot().values().keySet().stream()
                .anyMatch(k -> k.node().equals("Zone 1")), "the sensors' and the climate controller's values");
        assertTrue(SandboxesResource.sandboxes().esmond().metadataKeys().size() > 2, "the iperf3 metadata");
    }
}
