package dev.rollback.release;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.pitr.WalPoint;
import java.util.function.Supplier;

/**
 * Where the database's WAL is as the release is recorded ({@code pg_current_wal_lsn()} and the server's
 * {@code now()}), stored in {@link Release#wal()}: what {@code db-restore --to-release} replays to. A database
 * that cannot be read is a warning and no point, never a failed record: the release is still a level 1 target.
 */
final class WalPointStep implements Step {
    private final Supplier<WalPoint> point;
    private final RecordDraft draft;

    /** @param point reads the point; returns null when the stack has no database */
    WalPointStep(Supplier<WalPoint> point, RecordDraft draft) {
        this.point = point;
        this.draft = draft;
    }

    @Override
    public String id() {
        return "wal-point";
    }

    @Override
    public String description() {
        return "read the database's WAL position for a point-in-time restore to this release";
    }

    @Override
    public void apply(StepContext context) {
        WalPoint wal;
        try {
            wal = point.get();
        } catch (RuntimeException e) {
            context.progress("warning: the release is recorded without a WAL position: " + e.getMessage());
            context.detail("warning", e.getMessage());
            return;
        }
        if (wal == null) {
            context.skip("no database configured");
            return;
        }
        draft.release = draft.release.withWal(wal);
        context.detail("lsn", wal.lsn().toString()).detail("at", wal.at().toString());
    }
}
