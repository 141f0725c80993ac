package dev.rollback.redeploy;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The health gate after the switch: the recreated services' healthchecks and every configured
 * HTTP check, within the health timeout. Failing it fails the run (exit 1), and the executor puts
 * back what ran before. Stops the downtime monitor and reports per-check downtime.
 */
final class HealthGateStep implements Step {
    private final HealthGate gate;
    private final Switch change;
    private final Function<List<String>, List<HealthCheck>> containerChecks;
    private final List<HealthCheck> endpoints;

    HealthGateStep(HealthGate gate, Switch change, Function<List<String>, List<HealthCheck>> containerChecks,
                   List<HealthCheck> endpoints) {
        this.gate = gate;
        this.change = change;
        this.containerChecks = containerChecks;
        this.endpoints = endpoints;
    }

    @Override
    public String id() {
        return "health-gate";
    }

    @Override
    public String description() {
        return "wait up to " + gate.timeout().toSeconds() + " s until the recreated services and the HTTP checks are healthy";
    }

    @Override
    public void apply(StepContext context) {
        if (change.nothingToDo()) {
            context.skip("nothing was switched");
            return;
        }
        WaitOutcome outcome = gate.await(containerChecks.apply(change.services()), endpoints, context::progress);
        Map<String, Long> downtime = change.monitor.stop();
        long recoveryMs = (System.nanoTime() - change.startedNanos) / 1_000_000;
        context.detail("outcome", outcome.summary())
            .result("downtimeMs", downtime)
            .result("switchToHealthyMs", recoveryMs);
        if (!outcome.healthy()) {
            throw RollbackException.failed("the stack did not become healthy on " + change.targetLabel()
                + " within " + gate.timeout().toSeconds() + " s: " + outcome.last().detail());
        }
    }
}
