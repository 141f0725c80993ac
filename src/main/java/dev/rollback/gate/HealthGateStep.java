package dev.rollback.gate;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * The health gate as a step, the same for every level and strategy: waits until what its
 * {@link GatePolicy} names is healthy, its number of probes in a row, within its time. A gate that
 * does not pass fails the run (exit 1) and the executor puts back what ran before it. The report's
 * step says {@code outcome}; what the rollback measures around the wait is its {@link AroundGate}.
 */
public final class HealthGateStep implements Step {
    private final HealthGate gate;
    private final GatePolicy policy;
    private final AroundGate around;

    public HealthGateStep(HealthGate gate, GatePolicy policy, AroundGate around) {
        this.gate = gate;
        this.policy = policy;
        this.around = around;
    }

    /**
     * The gate on the configured HTTP checks alone: when the platform runs the containers (Dokploy),
     * or after a revert was deployed by the pipeline. Without HTTP checks there is nothing that could
     * confirm the rollback worked: refused. The result says {@code healthyAfterMs}.
     */
    public static HealthGateStep httpChecksOnly(HealthGate gate, List<HealthCheck> endpoints) {
        return new HealthGateStep(gate, GatePolicy.httpChecks(gate.timeout(), GateChecks.endpoints(endpoints)),
            new AroundGate() {
                @Override
                public void check() {
                    if (endpoints.isEmpty()) {
                        throw RollbackException.usage("this rollback needs health.checks to confirm it worked;"
                            + " add one to rollback.yml");
                    }
                }

                @Override
                public void waited(long waitStartedNanos, GateChecks checks, StepContext context) {
                    context.result("healthyAfterMs", (System.nanoTime() - waitStartedNanos) / 1_000_000);
                }
            });
    }

    @Override
    public String id() {
        return policy.stepId();
    }

    @Override
    public String description() {
        return policy.description();
    }

    @Override
    public void check(StepContext context) {
        around.check();
    }

    @Override
    public void apply(StepContext context) {
        String skip = around.skipReason();
        if (skip != null) {
            context.skip(skip);
            return;
        }
        long start = System.nanoTime();
        GateChecks checks = policy.checks().get();
        WaitOutcome outcome = gate.await(checks, policy.timeout(), policy.passesInARow(), context::progress);
        around.waited(start, checks, context);
        context.detail("outcome", outcome.summary());
        policy.judge(outcome);
    }
}
