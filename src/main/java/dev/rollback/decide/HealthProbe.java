package dev.rollback.decide;

import dev.rollback.adapters.health.AllHealthy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Health now: each running service's containers (healthchecks, or Swarm tasks) and every configured
 * HTTP check, each probed once. Without Docker only the HTTP checks can be asked.
 */
final class HealthProbe extends Probe {
    private final Supplier<List<HealthCheck>> serviceChecks;
    private final List<HealthCheck> httpChecks;

    HealthProbe(Supplier<List<HealthCheck>> serviceChecks, List<HealthCheck> httpChecks, FactSheet sheet) {
        super(sheet);
        this.serviceChecks = serviceChecks;
        this.httpChecks = httpChecks;
    }

    @Override
    public String id() {
        return "probe-health";
    }

    @Override
    public String description() {
        return sheet.health.healthy() ? "all " + sheet.health.checks() + " health checks pass"
            : "unhealthy: " + String.join("; ", sheet.health.failing());
    }

    @Override
    protected void probe(StepContext context) {
        List<HealthCheck> checks = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        if (sheet.docker.reachable()) {
            try {
                checks.addAll(serviceChecks.get());
            } catch (RollbackException e) {
                failing.add("containers: " + e.getMessage());
            }
        }
        checks.addAll(httpChecks);
        Map<String, String> results = new LinkedHashMap<>();
        for (HealthResult result : new AllHealthy("stack", checks).probeEach()) {
            results.put(result.name(), (result.healthy() ? "ok: " : "FAILING: ") + result.detail());
            if (!result.healthy()) {
                failing.add(result.name() + ": " + result.detail());
            }
        }
        if (checks.isEmpty() && failing.isEmpty()) {
            failing.add("no container runs and no HTTP check is configured");
        }
        sheet.health = new Facts.Health(failing.isEmpty(), failing, checks.size());
        context.detail("healthy", sheet.health.healthy()).detail("checks", results);
    }
}
