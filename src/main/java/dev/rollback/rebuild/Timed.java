package dev.rollback.rebuild;

import dev.rollback.core.ForwardingStep;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** A level 4 step whose duration goes into the report's {@code phaseMs}; otherwise the step itself. */
final class Timed extends ForwardingStep {
    private final Recovery recovery;

    Timed(Step step, Recovery recovery) {
        super(step);
        this.recovery = recovery;
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
}
