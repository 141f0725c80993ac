package dev.rollback.gate;

import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one health gate judges: the step it is in the report, what it waits for (the checks, and
 * the words for them in the step's description), how long, how many healthy probes in a row, and
 * what its failure says. One named factory per kind of gate, so every rollback that gates the same
 * way says the same thing.
 *
 * @param waitsFor     the end of "wait up to N s until …"
 * @param notHealthy   the start of the failure, e.g. "the stack did not become healthy on release v1";
 *                     " within N s: <last probe>" follows
 * @param interrupted  what an interrupted wait says (exit 130); null: it fails like an unhealthy one
 */
public record GatePolicy(String stepId, String waitsFor, Supplier<GateChecks> checks, Duration timeout,
                         int passesInARow, Supplier<String> notHealthy, Supplier<String> interrupted) {

    /**
     * Two healthy probes in a row, because "healthy once" right after a switch can be the old
     * container answering (docker-rollout learned that "healthy" is not "serving").
     */
    public static final int PASSES_IN_A_ROW = 2;

    private static final String STEP_ID = "health-gate";

    /** The configured HTTP checks alone (Dokploy's redeploy, a revert's deploy). */
    public static GatePolicy httpChecks(Duration timeout, GateChecks endpoints) {
        return new GatePolicy(STEP_ID, "the HTTP checks pass", () -> endpoints, timeout, PASSES_IN_A_ROW,
            () -> "the application did not become healthy", null);
    }

    /** Level 1: the services it switched and the HTTP checks, on the release it went back to. */
    public static GatePolicy switchedServices(Duration timeout, Supplier<GateChecks> checks, Supplier<String> target) {
        return new GatePolicy(STEP_ID, "the recreated services and the HTTP checks are healthy", checks, timeout,
            PASSES_IN_A_ROW, () -> "the stack did not become healthy on " + target.get(), null);
    }

    /** The recreate strategy: every service of the target and the HTTP checks. */
    public static GatePolicy everyService(Duration timeout, Supplier<GateChecks> checks, Supplier<String> target) {
        return new GatePolicy(STEP_ID, "every service and HTTP check is healthy", checks, timeout, PASSES_IN_A_ROW,
            () -> "the stack did not become healthy on " + target.get(), null);
    }

    /** Blue-green: one side (green, the primary project) before the proxy is pointed at it; Ctrl-C is exit 130. */
    public static GatePolicy side(String stepId, String side, String waitsFor, Duration timeout,
                                  Supplier<GateChecks> checks) {
        return new GatePolicy(stepId, side + " is healthy: " + waitsFor, checks, timeout, PASSES_IN_A_ROW,
            () -> side + " did not become healthy", () -> "interrupted while waiting for " + side + " to become healthy");
    }

    /** The step's description. */
    public String description() {
        return "wait up to " + timeout.toSeconds() + " s until " + waitsFor;
    }

    /** Throws unless {@code outcome} passed: exit 130 for an interrupted wait where the policy says so, else 1. */
    public void judge(WaitOutcome outcome) {
        if (outcome.status() == WaitOutcome.Status.CANCELLED && interrupted != null) {
            throw new RollbackException(ExitCode.INTERRUPTED, interrupted.get());
        }
        if (!outcome.healthy()) {
            throw RollbackException.failed(notHealthy.get() + " within " + timeout.toSeconds() + " s: "
                + outcome.last().detail());
        }
    }
}
