package dev.rollback.core;

/**
 * One named step of a {@link Plan}. The executor calls {@link #check} on every step before it
 * applies any of them (and only that under --dry-run), then {@link #apply} in order. Steps never
 * see the dry-run flag: dry-run belongs to the executor.
 */
public interface Step {
    /** Stable identifier used in reports and the journal, e.g. {@code verify-dump}. */
    String id();

    /** One line for humans: what this step does, with the concrete names it acts on. */
    String description();

    /**
     * Read-only precondition check. Throws {@link RollbackException} (exit 3 or 4) when the step
     * cannot run; may record what it found in {@code context} for the plan output.
     */
    default void check(StepContext context) {
    }

    /** Does the work. Throws to fail; records facts with {@link StepContext#detail}. */
    void apply(StepContext context) throws Exception;

    /**
     * Whether applying this step destroys or replaces something (stops containers, deletes files,
     * swaps databases). Asked after {@link #check}, so a step can decide from what it found.
     */
    default boolean destructive() {
        return false;
    }

    /**
     * Whether a failure of this step stops the plan. Verification checks return false so that
     * every check runs and every failure is reported.
     */
    default boolean haltsOnFailure() {
        return true;
    }

    /** Puts back what {@link #apply} changed, when the plan fails later. Default: nothing to undo. */
    default void undo(StepContext context) throws Exception {
    }

    /** Whether {@link #undo} does anything; the executor reports undone steps only when true. */
    default boolean undoable() {
        return false;
    }
}
