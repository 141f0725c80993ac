package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupFormat;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Restores into a scratch database ({@code <db>_restore_<ts>}), never into the live one: if the
 * restore fails halfway, the live database has not been touched and the scratch one is dropped.
 * Only with --in-place does it restore into the live name, recreated empty just before.
 */
final class RestoreScratchStep implements Step {
    private final Postgres postgres;
    private final RestoreState state;
    private final int jobs;
    private List<String> leftovers = List.of();

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
        return state.inPlace ? "restore the backup into the recreated database " + state.live
            : "restore the backup into a new database " + state.scratch;
    }

    @Override
    public void check(StepContext context) {
        if (!state.inPlace && postgres.databaseExists(state.scratch)) {
            throw RollbackException.refused("database " + state.scratch + " already exists; run again in a second");
        }
        // A run killed during the restore leaves its scratch copy; the lock says no other run is
        // using it, and nothing ever went live from it, so this run names it and drops it.
        Pattern scratch = Pattern.compile(Pattern.quote(state.live + "_restore_") + "\\d{8}_\\d{6}");
        leftovers = postgres.databases().stream()
            .filter(name -> scratch.matcher(name).matches() && !name.equals(state.scratch)).toList();
        if (!leftovers.isEmpty()) {
            context.detail("leftoverScratch", leftovers);
        }
    }

    @Override
    public void apply(StepContext context) {
        for (String leftover : leftovers) {
            context.progress("    dropping " + leftover + ", the scratch copy of an earlier restore that did not finish");
            postgres.dropDatabase(leftover);
        }
        if (!state.inPlace) {
            postgres.createDatabase(state.scratch);
        }
        boolean restored = false;
        try {
            restore();
            restored = true;
        } catch (RollbackException e) {
            throw state.inPlace || e.exitCode() != ExitCode.REFUSED ? e : RollbackException.refused(e.getMessage()
                + " (found while restoring into " + state.scratch + ", which was dropped; database " + state.live
                + " was not touched)");
        } finally {
            if (!restored && !state.inPlace) {
                postgres.dropDatabase(state.scratch);
            }
        }
        context.detail("database", state.restoreTarget()).result("restoredInto", state.restoreTarget());
        if (state.streamedCheck != null) {
            // What the scan found on the way in: the tables the next step looks for, the lines psql got empty.
            state.inspection = state.streamedCheck.inspection();
            context.detail("tablesInDump", state.inspection.tables().size());
            VerifyBackupStep.describeScript(context, state.inspection);
        }
    }

    private void restore() {
        BackupFormat format = state.inspection.format();
        if (format.archive()) {
            postgres.restoreArchive(state.backup, state.restoreTarget(), jobs);
        } else {
            boolean gzip = format == BackupFormat.PLAIN_GZIP;
            if (state.streamedCheck != null) {
                postgres.restorePlain(state.backup, state.restoreTarget(), gzip, state.streamedCheck);
            } else {
                postgres.restorePlain(state.backup, state.restoreTarget(), gzip, state.inspection.linesToSkip());
            }
        }
    }

    @Override
    public boolean undoable() {
        return !state.inPlace;
    }

    @Override
    public void undo(StepContext context) {
        if (!state.swapped && postgres.databaseExists(state.scratch)) {
            postgres.dropDatabase(state.scratch);
            context.detail("dropped", state.scratch);
        }
    }
}
