package dev.rollback.archive;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * A {@code pre_deploy} backup while archiving is set up but not live: the report says why it was a dump and
 * not a mark, so an operator finds out the archiver is down from the deploy's own backup.
 */
final class ArchivingNoteStep implements Step {
    private final ArchiveStatus status;

    ArchivingNoteStep(ArchiveStatus status) {
        this.status = status;
    }

    @Override
    public String id() {
        return "archiving";
    }

    @Override
    public String description() {
        return "WAL archiving " + status.detail() + ": a dump, not a mark";
    }

    @Override
    public void check(StepContext context) {
        context.detail("live", status.live()).detail("why", status.detail());
    }

    @Override
    public void apply(StepContext context) {
        context.result("archiving", status.detail());
    }
}
