package dev.rollback.decide;

import dev.rollback.archive.ArchiveStatus;
import dev.rollback.archive.ArchiveStatusReader;
import dev.rollback.core.StepContext;

/**
 * Is WAL archiving live, how far behind is it, and what does the archive hold (the newest base backup, how
 * far the WAL reaches)? What a point-in-time restore needs; never fails, the status says what it found.
 */
final class ArchiveProbe extends Probe {
    private final ArchiveStatusReader reader;

    ArchiveProbe(ArchiveStatusReader reader, FactSheet sheet) {
        super(sheet);
        this.reader = reader;
    }

    @Override
    public String id() {
        return "probe-archiving";
    }

    @Override
    public String description() {
        return "WAL archiving: " + sheet.archiving.detail();
    }

    @Override
    protected void probe(StepContext context) {
        sheet.archiving = reader.read();
        ArchiveStatus status = sheet.archiving;
        context.detail("live", status.live()).detail("lagBytes", status.lagBytes())
            .detail("newestWal", status.newestWal())
            .detail("newestWalAgeSeconds", status.newestWalAge() == null ? null : status.newestWalAge().toSeconds())
            .detail("newestBaseBackup", status.newestBaseBackup())
            .detail("walCoversUntil", status.walCoversUntil() == null ? null : status.walCoversUntil().toString());
    }
}
