package dev.rollback.restore;

import dev.rollback.core.ForwardingStep;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** The restore into scratch, with its duration in the result ({@code restoreMs}): the drill's measured restore time. */
final class TimedRestore extends ForwardingStep {
    static final String RESULT = "restoreMs";

    TimedRestore(Step restore) {
        super(restore);
    }

    @Override
    public void apply(StepContext context) throws Exception {
        long start = System.nanoTime();
        step.apply(context);
        long millis = (System.nanoTime() - start) / 1_000_000;
        context.detail(RESULT, millis).result(RESULT, millis);
    }
}
