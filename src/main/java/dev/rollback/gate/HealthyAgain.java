package dev.rollback.gate;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.util.List;
import java.util.function.Function;

/**
 * The end of an undo: what it put back must answer its health checks again (the same gate as the
 * run's, on the services the undo started) before the tool returns, so a failed rollback leaves
 * a serving stack, not one still starting. The report's undo step says {@code healthyAgain}; an
 * undo whose stack stays unhealthy fails, and the run says so. An interrupted run does not wait.
 */
public final class HealthyAgain {
    private final HealthGate gate;
    private final Function<List<String>, List<HealthCheck>> containerChecks;
    private final List<HealthCheck> endpoints;

    /** @param containerChecks the container checks of the services an undo started */
    public HealthyAgain(HealthGate gate, Function<List<String>, List<HealthCheck>> containerChecks,
                        List<HealthCheck> endpoints) {
        this.gate = gate;
        this.containerChecks = containerChecks;
        this.endpoints = List.copyOf(endpoints);
    }

    /** Waits for {@code services} and the HTTP checks; throws when they stay unhealthy. */
    public void await(List<String> services, StepContext context) {
        context.progress("    waiting until what the undo put back is healthy again");
        WaitOutcome outcome = gate.await(containerChecks.apply(services), endpoints, context::progress);
        if (outcome.status() == WaitOutcome.Status.CANCELLED) {
            context.detail("healthyAgain", "not awaited: the run was interrupted");
            return;
        }
        context.detail("healthyAgain", outcome.summary());
        if (!outcome.healthy()) {
            throw RollbackException.failed("what the undo put back did not become healthy again within "
                + gate.timeout().toSeconds() + " s: " + outcome.last().detail());
        }
    }
}
