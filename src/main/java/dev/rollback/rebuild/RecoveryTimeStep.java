package dev.rollback.rebuild;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** Last step: the measured recovery time against the runbook's estimate, in the report's result. */
final class RecoveryTimeStep implements Step {
    static final String RESULT = "recoveryTime";

    private final Recovery recovery;

    RecoveryTimeStep(Recovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public String id() {
        return "recovery-time";
    }

    @Override
    public String description() {
        return "measure the recovery time against the runbook's level 4 estimate (" + Recovery.RUNBOOK_ESTIMATE + ")";
    }

    @Override
    public void apply(StepContext context) {
        RecoveryTime total = recovery.total();
        context.detail("measuredMs", total.measuredMs()).result(RESULT, total);
        context.progress("    recovered in " + total.measuredMs() + " ms: " + total.percentOfEstimate()
            + "% of the runbook's level 4 estimate (" + Recovery.RUNBOOK_ESTIMATE + ")");
    }
}
