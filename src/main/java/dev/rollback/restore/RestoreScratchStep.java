package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupFormat;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Restores into a scratch database ({@code <db>_restore_<ts>}), never into the live one: if the
 * restore fails halfway, the live database has not been touched and the scratch one is dropped.
 */
final class RestoreScratchStep implements Step {
    private final Postgres postgres;
    private final RestoreState state;
    private final int jobs;

    RestoreScratchStep(Postgres postgres, RestoreState state, int jobs) {
        this.postgres = postgres;
        this.state = state;
        this.jobs = jobs;
    }

    @Override
    public String id() {
        return "restore-scratch";
    }

    @Override
    public String description() {
        return "restore the backup into a new database " + state.scratch;
    }

    @Override
    public void check(StepContext context) {
        if (postgres.databaseExists(state.scratch)) {
            throw RollbackException.refused("database " + state.scratch + " already exists; run again in a second");
        }
    }

    @Override
    public void apply(StepContext context) {
        postgres.createDatabase(state.scratch);
        boolean restored = false;
        try {
            BackupFormat format = state.inspection.format();
            if (format.archive()) {
                postgres.restoreArchive(state.backup, state.scratch, jobs);
            } else {
                postgres.restorePlain(state.backup, state.scratch, format == BackupFormat.PLAIN_GZIP);
            }
            restored = true;
        } finally {
            if (!restored) {
                postgres.dropDatabase(state.scratch);
            }
        }
        context.detail("database", state.scratch).result("restoredInto", state.scratch);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        if (!state.swapped && postgres.databaseExists(state.scratch)) {
            postgres.dropDatabase(state.scratch);
            context.detail("dropped", state.scratch);
        }
    }
}
