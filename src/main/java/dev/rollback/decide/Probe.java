package dev.rollback.decide;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * A read-only step of {@code plan} that finds out one fact. It does its work in {@link #check}, so
 * the facts and the recommendation show under {@code --dry-run} too; it never throws for what it
 * finds (an unreachable Docker is a fact, not a failure), so every probe runs.
 */
abstract class Probe implements Step {
    protected final FactSheet sheet;

    protected Probe(FactSheet sheet) {
        this.sheet = sheet;
    }

    /** Finds the fact, writes it to the sheet and to {@code context} for the report. */
    protected abstract void probe(StepContext context);

    @Override
    public final void check(StepContext context) {
        probe(context);
    }

    @Override
    public final void apply(StepContext context) {
        // Everything happened in check.
    }
}
