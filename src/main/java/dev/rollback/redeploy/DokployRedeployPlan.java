package dev.rollback.redeploy;

import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Plan;
import dev.rollback.gate.HealthGateStep;
import dev.rollback.gate.HealthGate;
import java.time.Duration;
import java.util.List;

/**
 * Level 1 on Dokploy: its rollback point when there is one, else a followed redeploy; then the gate.
 * Its deployments record no git commit, so the migration check is reported as skipped.
 */
public final class DokployRedeployPlan {
    private static final Duration POLL = Duration.ofSeconds(1);

    private DokployRedeployPlan() {
    }

    /** @param wanted "previous" or a Dokploy deployment id */
    public static Plan build(Dokploy dokploy, Dokploy.Target target, String wanted, Duration deployTimeout,
                             List<HealthCheck> endpoints, HealthGate gate) {
        DokployChoice choice = new DokployChoice();
        return Plan.builder("redeploy").level(1)
            .step(new ChooseDeploymentStep(dokploy, target, wanted, choice))
            .step(new CheckMigrationsStep(MigrationGate.skipped("Dokploy keeps its own deployment history, which"
                + " records no git commit to compare with: migrations not checked"), null, new Switch()))
            .step(new DokployRollbackStep(dokploy, target, choice, deployTimeout, POLL))
            .step(HealthGateStep.httpChecksOnly(gate, endpoints))
            .build();
    }
}
