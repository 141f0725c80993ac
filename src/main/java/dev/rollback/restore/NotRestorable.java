package dev.rollback.restore;

import dev.rollback.core.ExitCode;
import dev.rollback.core.ForwardingStep;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * A drill's view of level 3's refusals: a backup that is missing, truncated or rejected on its way
 * into scratch is a failed drill (exit 1), not a refused run (exit 3). Whichever backup it was goes
 * into the result, so the journal says which one failed. An unreachable database stays exit 4.
 */
final class NotRestorable extends ForwardingStep {
    private final RestoreState state;

    NotRestorable(Step step, RestoreState state) {
        super(step);
        this.state = state;
    }

    @Override
    public void check(StepContext context) {
        try {
            step.check(context);
        } catch (RollbackException e) {
            throw failed(context, e);
        }
    }

    @Override
    public void apply(StepContext context) throws Exception {
        try {
            step.apply(context);
        } catch (RollbackException e) {
            throw failed(context, e);
        }
    }

    private RollbackException failed(StepContext context, RollbackException e) {
        if (state.backup != null) {
            context.result("backup", state.backup.getFileName().toString());
        }
        return e.exitCode() == ExitCode.REFUSED ? RollbackException.failed(e.getMessage()) : e;
    }
}
