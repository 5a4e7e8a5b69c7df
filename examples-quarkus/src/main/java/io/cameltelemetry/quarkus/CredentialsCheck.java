package io.cameltelemetry.quarkus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.jboss.logging.Logger;

/**
 * Says, once Camel has started, which credentials the loaded routes need and lack: for every camel-telemetry component
 * the routes use, the options whose value is empty and the environment variables (or Kubernetes secret keys) that
 * give them. The routes of such a component then fail with the component's own error naming the option; the
 * supervising route controller ({@code camel.routecontroller.enabled}) keeps the application and the other routes up
 * and retries them.
 */
@ApplicationScoped
public class CredentialsCheck {

    private static final Logger LOG = Logger.getLogger(CredentialsCheck.class);

    /** component -> option -> the environment variable application.properties reads it from. */
    static final Map<String, Map<String, String>> CREDENTIALS = new LinkedHashMap<>();

    static {
        CREDENTIALS.put("pylot", Map.of("username", "PYLOT_USERNAME", "password", "PYLOT_PASSWORD"));
        CREDENTIALS.put("dcs", Map.of("baseUrl", "DCS_BASE_URL", "username", "DCS_USERNAME", "password",
                "DCS_PASSWORD"));
        CREDENTIALS.put("initialstate", Map.of("accessKey", "INITIALSTATE_ACCESS_KEY"));
        CREDENTIALS.put("esmond", Map.of("baseUrl", "ESMOND_BASE_URL", "username", "ESMOND_USERNAME", "apiKey",
                "ESMOND_API_KEY"));
        CREDENTIALS.put("archfx", Map.of("baseUrl", "ARCHFX_BASE_URL", "email", "ARCHFX_EMAIL", "password",
                "ARCHFX_PASSWORD"));
    }

    void afterStart(@Observes AfterStart event) {
        List<String> missing = missing(event.getCamelContext());
        if (missing.isEmpty()) {
            return;
        }
        LOG.warnf("Credentials missing for the loaded routes: %s. Set these environment variables (for example from a "
                + "Kubernetes Secret with envFrom), or run with -Dquarkus.profile=sandbox for the embedded sandboxes.",
                String.join("; ", missing));
    }

    /** One line per component the routes use whose credentials are unset: the options and their variables. */
    static List<String> missing(CamelContext context) {
        Set<String> used = new TreeSet<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            String scheme = endpoint.getEndpointUri().split(":", 2)[0];
            if (CREDENTIALS.containsKey(scheme)) {
                used.add(scheme);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String component : used) {
            List<String> lacking = new ArrayList<>();
            CREDENTIALS.get(component).forEach((option, env) -> {
                // through Camel's properties: Quarkus' configuration and the sandbox's overrides
                String value = context.getPropertiesComponent()
                        .resolveProperty("camel.component." + component + "." + option).orElse("");
                if (value.isBlank()) {
                    lacking.add(env + " (camel.component." + component + "." + option + ")");
                }
            });
            if (!lacking.isEmpty()) {
                missing.add(component + ": " + String.join(", ", new TreeSet<>(lacking)));
            }
        }
        return missing;
    }
}
