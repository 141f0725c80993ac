package dev.rollback.gate;

import dev.rollback.core.StepContext;

/**
 * What one rollback adds around its {@link HealthGateStep}, each part optional: a precondition,
 * a reason to skip the wait, and what it measures once the wait ends, healthy or not (downtime,
 * the time to healthy): those go into the report whether the gate passed or not.
 */
public interface AroundGate {
    AroundGate NOTHING = new AroundGate() {
    };

    /** Read-only, in the plan's check phase; throws {@link dev.rollback.core.RollbackException} to refuse. */
    default void check() {
    }

    /** Why there is nothing to wait for (e.g. nothing was switched), or null to wait. */
    default String skipReason() {
        return null;
    }

    /**
     * Records what the rollback measured, before the gate's own {@code outcome} detail.
     *
     * @param waitStartedNanos when the wait began ({@link System#nanoTime})
     * @param checks           what was waited for
     */
    default void waited(long waitStartedNanos, GateChecks checks, StepContext context) {
    }
}
