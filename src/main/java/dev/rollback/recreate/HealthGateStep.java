package dev.rollback.recreate;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Waits until every service of the target runs healthy and every HTTP check answers; a failure
 * here fails the run and the executor puts the previous version back. Stops the downtime clock:
 * {@code result.downtimeMs} is, per HTTP check, the time it did not answer 2xx during the run.
 */
final class HealthGateStep implements Step {
    private final HealthGate gate;
    private final Supplier<List<HealthCheck>> containerChecks;
    private final List<HealthCheck> endpoints;
    private final RecreateRun run;

    HealthGateStep(HealthGate gate, Supplier<List<HealthCheck>> containerChecks, List<HealthCheck> endpoints,
                   RecreateRun run) {
        this.gate = gate;
        this.containerChecks = containerChecks;
        this.endpoints = endpoints;
        this.run = run;
    }

    @Override
    public String id() {
        return "health-gate";
    }

    @Override
    public String description() {
        return "wait up to " + gate.timeout().toSeconds() + " s until every service and HTTP check is healthy";
    }

    @Override
    public void apply(StepContext context) {
        WaitOutcome outcome = gate.await(containerChecks.get(), endpoints, context::progress);
        Map<String, Long> downtime = run.stopMonitor();
        context.detail("outcome", outcome.summary())
            .result("downtimeMs", downtime)
            .result("stopToHealthyMs", run.millisSinceStop());
        if (!outcome.healthy()) {
            throw RollbackException.failed("the stack did not become healthy on " + run.target.label() + " within "
                + gate.timeout().toSeconds() + " s: " + outcome.last().detail());
        }
    }
}
