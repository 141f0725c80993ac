package dev.rollback.rebuild;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** A level 4 step whose duration goes into the report's {@code phaseMs}; otherwise the step itself. */
final class Timed implements Step {
    private final Step step;
    private final Recovery recovery;

    Timed(Step step, Recovery recovery) {
        this.step = step;
        this.recovery = recovery;
    }

    @Override
    public String id() {
        return step.id();
    }

    @Override
    public String description() {
        return step.description();
    }

    @Override
    public void check(StepContext context) {
        step.check(context);
    }

    @Override
    public void apply(StepContext context) throws Exception {
        recovery.phaseStarted();
        context.result(Recovery.PHASES_RESULT, recovery.phases());
        long start = System.nanoTime();
        try {
            step.apply(context);
        } finally {
            recovery.phaseDone(step.id(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public boolean destructive() {
        return step.destructive();
    }

    @Override
    public boolean haltsOnFailure() {
        return step.haltsOnFailure();
    }

    @Override
    public void undo(StepContext context) throws Exception {
        step.undo(context);
    }

    @Override
    public boolean undoable() {
        return step.undoable();
    }
}
