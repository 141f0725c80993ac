package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * The switch: live → {@code <db>_pre_restore_<ts>} (kept for an undo), restored copy → live, both
 * renames in one transaction, so no session ever sees the live name missing. Reported: the time
 * live refused new connections (sessions ended → new live accepting), and the rename itself.
 */
final class SwapStep implements Step {
    private final Postgres postgres;
    private final RestoreState state;

    SwapStep(Postgres postgres, RestoreState state) {
        this.postgres = postgres;
        this.state = state;
    }

    @Override
    public String id() {
        return "swap";
    }

    @Override
    public String description() {
        return "replace database " + state.live + " with the backup "
            + (state.backup != null ? state.backup.getFileName() : "") + " (taken " + state.backupTakenAt
            + "): changes made since then are lost; the current database is kept as " + state.keptOld
            + (state.servedDuringRestore ? ", with what the app wrote while the restore ran" : "");
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void check(StepContext context) {
        if (postgres.databaseExists(state.keptOld)) {
            throw RollbackException.refused("database " + state.keptOld + " already exists; run again in a second");
        }
        // Kept by earlier restores, including one killed after its swap, whose report was never
        // written: named here so that this run's report and journal say where older data is.
        List<String> kept = postgres.databases().stream()
            .filter(name -> name.startsWith(state.live + "_pre_restore_")).sorted().toList();
        if (!kept.isEmpty()) {
            context.detail("keptByEarlierRestores", kept);
        }
    }

    @Override
    public void apply(StepContext context) {
        var result = postgres.swap(state.live, state.scratch, state.keptOld);
        state.swapped = true;
        context.detail("renameMs", result.renameWindowMillis())
            .detail("connectionsRefusedMs", result.connectionsRefused().toMillis())
            .detail("sessionsEnded", result.terminatedSessions())
            .result("keptOldDatabase", state.keptOld)
            .result("swapWindowMs", result.connectionsRefused().toMillis());
        if (state.servedDuringRestore) {
            context.result("keptOldDatabaseAlsoHolds", "what the app wrote while the restore ran (--keep-serving):"
                + " it served from " + state.live + " until this swap, and those writes are in neither the backup"
                + " nor the pre-restore backup");
        }
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        String failed = state.live + "_failed_" + state.scratch.substring(state.scratch.lastIndexOf("_restore_") + 9);
        postgres.undoSwap(state.live, state.keptOld, failed);
        state.swapped = false;
        context.detail("restoredLive", state.live).detail("restoredCopyKeptAs", failed);
    }
}
