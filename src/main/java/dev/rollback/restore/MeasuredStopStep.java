package dev.rollback.restore;

import dev.rollback.core.ForwardingStep;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** The platform's stop of the app services, with the {@link AppDowntime} clock started right before it. */
final class MeasuredStopStep extends ForwardingStep {
    private final AppDowntime downtime;

    MeasuredStopStep(Step stop, AppDowntime downtime) {
        super(stop);
        this.downtime = downtime;
    }

    @Override
    public void apply(StepContext context) throws Exception {
        downtime.begin(context);
        step.apply(context);
    }
}
