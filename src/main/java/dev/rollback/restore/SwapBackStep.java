package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.Comparator;

/**
 * {@code db-restore --undo}: the database a restore replaced (the newest {@code <db>_pre_restore_<ts>})
 * becomes live again; the restored one is kept as {@code <db>_undone_<ts>}.
 */
final class SwapBackStep implements Step {
    private final Postgres postgres;
    private final String live;
    private final String stamp;
    private String kept;

    SwapBackStep(Postgres postgres, String live, String stamp) {
        this.postgres = postgres;
        this.live = live;
        this.stamp = stamp;
    }

    @Override
    public String id() {
        return "swap-back";
    }

    @Override
    public String description() {
        return "make " + (kept != null ? kept : "the database the last restore replaced") + " live again; "
            + "the restored " + live + " is kept as " + undone();
    }

    private String undone() {
        return live + "_undone_" + stamp;
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void check(StepContext context) {
        postgres.ping();
        kept = postgres.databases().stream().filter(name -> name.startsWith(live + "_pre_restore_"))
            .max(Comparator.naturalOrder())
            .orElseThrow(() -> RollbackException.refused("no " + live + "_pre_restore_* database to go back to:"
                + " no restore was made, or its old database was dropped (--drop-old); restore a backup instead"));
        context.detail("kept", kept);
    }

    @Override
    public void apply(StepContext context) {
        var result = postgres.undoSwap(live, kept, undone());
        context.detail("connectionsRefusedMs", result.connectionsRefused().toMillis())
            .result("liveAgain", kept).result("restoredKeptAs", undone())
            .result("swapWindowMs", result.connectionsRefused().toMillis());
    }
}
