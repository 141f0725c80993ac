package dev.rollback.redeploy;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.util.List;

/** The health gate when the platform runs the containers (Dokploy): the configured HTTP checks. */
final class EndpointGateStep implements Step {
    private final HealthGate gate;
    private final List<HealthCheck> endpoints;

    EndpointGateStep(HealthGate gate, List<HealthCheck> endpoints) {
        this.gate = gate;
        this.endpoints = endpoints;
    }

    @Override
    public String id() {
        return "health-gate";
    }

    @Override
    public String description() {
        return "wait up to " + gate.timeout().toSeconds() + " s until the HTTP checks pass";
    }

    @Override
    public void check(StepContext context) {
        if (endpoints.isEmpty()) {
            throw RollbackException.usage("a Dokploy rollback needs health.checks to confirm it worked; add one");
        }
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        WaitOutcome outcome = gate.await(List.of(), endpoints, context::progress);
        context.detail("outcome", outcome.summary()).result("healthyAfterMs", (System.nanoTime() - start) / 1_000_000);
        if (!outcome.healthy()) {
            throw RollbackException.failed("the application did not become healthy within "
                + gate.timeout().toSeconds() + " s: " + outcome.last().detail());
        }
    }
}
