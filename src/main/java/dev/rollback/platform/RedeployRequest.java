package dev.rollback.platform;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.gate.HealthGate;
import dev.rollback.redeploy.MigrationGate;
import dev.rollback.redeploy.RedeployPlan;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import java.util.List;

/**
 * What {@code redeploy} asks of every platform. A platform with its own deployment history
 * (Dokploy) reads only {@code wanted}, the checks and the gate.
 *
 * @param wanted     "previous" or a release id
 * @param services   only these services (empty: every service of the release)
 * @param httpChecks the configured HTTP checks, part of the gate
 * @param undo       put back what ran before when the gate fails (false: --no-undo)
 * @param pull       pull a release's pruned images back by their recorded digest (false: --no-pull)
 * @param migrations how the migrations since the chosen release are checked, or why they are not
 */
public record RedeployRequest(Ledger ledger, String wanted, List<String> services, List<HealthCheck> httpChecks,
                              HealthGate gate, boolean undo, boolean pull, MigrationGate migrations) {

    /** Level 1's inputs for a stack the tool's own ledger describes (compose, Swarm). */
    RedeployPlan.Inputs toInputs(Docker docker, RunningStack stack) {
        return new RedeployPlan.Inputs(docker, ledger, stack, wanted, services, httpChecks, gate, undo, pull);
    }
}
