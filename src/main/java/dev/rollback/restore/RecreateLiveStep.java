package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * {@code --in-place}: the runbook's step 4 as written ("DROP DATABASE; CREATE DATABASE"),
 * taken only when asked for and only after the pre-restore backup was verified. From here until
 * the restore completes there is no usable live database; the pre-restore backup is the way back.
 */
final class RecreateLiveStep implements Step {
    private final Postgres postgres;
    private final RestoreState state;

    RecreateLiveStep(Postgres postgres, RestoreState state) {
        this.postgres = postgres;
        this.state = state;
    }

    @Override
    public String id() {
        return "recreate-live";
    }

    @Override
    public String description() {
        return "DROP the live database " + state.live + " and create it empty (--in-place; backup taken "
            + state.backupTakenAt + " replaces it; until the restore completes there is no usable database)";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        postgres.recreateLiveDatabase();
        context.detail("recreated", state.live);
    }
}
