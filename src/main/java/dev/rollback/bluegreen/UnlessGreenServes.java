package dev.rollback.bluegreen;

import dev.rollback.core.ForwardingStep;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * A step of the way to green (start it, await it, switch to it, drain and stop blue), skipped when
 * a green an interrupted run left already serves: that run got past it (see {@link TakeOverGreenStep}).
 */
final class UnlessGreenServes extends ForwardingStep {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private boolean skipped;

    UnlessGreenServes(Step step, BlueGreenInputs in, BlueGreenRun run) {
        super(step);
        this.in = in;
        this.run = run;
    }

    @Override
    public void check(StepContext context) {
        skipped = run.leftGreen(in, context.memory()).map(LeftGreen::routed).orElse(false);
        if (skipped) {
            context.skip("the green an interrupted run left serves already");
        } else {
            step.check(context);
        }
    }

    @Override
    public void apply(StepContext context) throws Exception {
        if (!skipped) {
            step.apply(context);
        }
    }

    @Override
    public void undo(StepContext context) throws Exception {
        if (!skipped) {
            step.undo(context);
        }
    }
}
