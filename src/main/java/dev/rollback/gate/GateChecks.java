package dev.rollback.gate;

import dev.rollback.adapters.health.HealthCheck;
import java.util.List;

/**
 * What a health gate waits for: container checks (Docker's view: running, healthcheck healthy)
 * and endpoint checks (HTTP). The gate probes both at the same time.
 */
public record GateChecks(List<HealthCheck> containers, List<HealthCheck> endpoints) {

    public GateChecks {
        containers = List.copyOf(containers);
        endpoints = List.copyOf(endpoints);
    }

    /** Only HTTP checks: when the platform runs the containers (Dokploy), or after a pipeline's deploy. */
    public static GateChecks endpoints(List<? extends HealthCheck> endpoints) {
        return new GateChecks(List.of(), List.copyOf(endpoints));
    }
}
