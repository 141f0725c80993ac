package dev.rollback.archive;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * {@code verify}'s archiving check: where archiving is set up ({@code backups.dir/wal/} or {@code base/}
 * exists), it must be live, or a point-in-time restore will lack the WAL since the archiver stopped. The report
 * carries the lag in bytes, the age of the newest WAL file and the newest base backup. Skipped where archiving
 * was never set up.
 */
final class ArchivingLiveStep implements Step {
    private final ArchiveStatusReader reader;

    ArchivingLiveStep(ArchiveStatusReader reader) {
        this.reader = reader;
    }

    @Override
    public String id() {
        return "archiving";
    }

    @Override
    public String description() {
        return "WAL archiving is live (slot " + ArchiveStatusReader.SLOT + " active, recent WAL in backups.dir/wal)";
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        ArchiveStatus status = reader.read();
        if (status.newestWal() == null && status.newestBaseBackup() == null && !status.live()) {
            context.skip(status.detail());
            return;
        }
        context.detail("live", status.live()).detail("lagBytes", status.lagBytes())
            .detail("newestWal", status.newestWal())
            .detail("newestWalAgeSeconds", status.newestWalAge() == null ? null : status.newestWalAge().toSeconds())
            .detail("newestBaseBackup", status.newestBaseBackup())
            .detail("walCoversUntil", status.walCoversUntil() == null ? null : status.walCoversUntil().toString());
        if (!status.live()) {
            throw RollbackException.failed("WAL archiving is set up but " + status.detail() + "; start rollback archive");
        }
    }
}
