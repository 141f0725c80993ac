package dev.rollback.gate;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * The health gate on the configured HTTP checks alone: when the platform runs the containers
 * (Dokploy), or after a revert was deployed by the pipeline.
 */
public final class EndpointGateStep implements Step {
    private final HealthGate gate;
    private final List<HealthCheck> endpoints;

    public EndpointGateStep(HealthGate gate, List<HealthCheck> endpoints) {
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
            throw RollbackException.usage("this rollback needs health.checks to confirm it worked; add one to rollback.yml");
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
