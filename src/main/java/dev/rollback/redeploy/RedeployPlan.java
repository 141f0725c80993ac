package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.ContainerHealthCheck;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Plan;
import dev.rollback.gate.HealthGate;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Level 1 of the runbook ("Dokploy Redeploy, ~2 min, no data loss"): bring back the last good
 * release from the ledger, health-gated, putting back what ran before when the gate fails.
 */
public final class RedeployPlan {
    /**
     * @param wanted      "previous" or a release id
     * @param services    only these services (empty: every service of the release)
     * @param httpChecks  the configured HTTP checks, part of the gate
     * @param undo        put back what ran before when the gate fails (false: --no-undo)
     */
    public record Inputs(Docker docker, Compose compose, Ledger ledger, String project, String wanted,
                         List<String> services, List<HealthCheck> httpChecks, HealthGate gate, boolean undo) {
    }

    private RedeployPlan() {
    }

    public static Plan compose(Inputs in) {
        Switch change = new Switch();
        return Plan.builder("redeploy").level(1)
            .step(new SelectReleaseStep(in.ledger(), () -> RunningStack.compose(in.docker(), in.project()),
                in.docker(), in.wanted(), in.services(), change))
            .step(new SwitchComposeStep(in.docker(), in.compose(), change, services -> monitored(in, services), in.undo()))
            .step(new HealthGateStep(in.gate(), change, services -> containerChecks(in, services), in.httpChecks()))
            .build();
    }

    private static List<HealthCheck> containerChecks(Inputs in, List<String> services) {
        List<HealthCheck> checks = new ArrayList<>();
        for (String service : services) {
            checks.add(ContainerHealthCheck.service(in.docker(), in.project(), service));
        }
        return checks;
    }

    private static Map<String, HealthCheck> monitored(Inputs in, List<String> services) {
        Map<String, HealthCheck> monitored = new LinkedHashMap<>();
        containerChecks(in, services).forEach(check -> monitored.put(check.name(), check));
        in.httpChecks().forEach(check -> monitored.put(check.name(), check));
        return monitored;
    }
}
