package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.function.Supplier;

/**
 * The archiver's physical replication slot, created when missing: the server keeps every WAL segment the
 * archiver has not received, so a stopped archiver loses nothing (and a slot left behind fills the server's
 * disk; docs/archiving.md says how to drop it).
 */
final class SlotStep implements Step {
    private final Supplier<Replication> replication;

    SlotStep(Supplier<Replication> replication) {
        this.replication = replication;
    }

    @Override
    public String id() {
        return "replication-slot";
    }

    @Override
    public String description() {
        return "create the replication slot " + ArchiveStatusReader.SLOT + " unless it exists";
    }

    @Override
    public void check(StepContext context) {
        context.detail("exists", replication.get().slot(ArchiveStatusReader.SLOT).isPresent());
    }

    @Override
    public void apply(StepContext context) {
        boolean created = replication.get().ensureSlot(ArchiveStatusReader.SLOT);
        context.detail("slot", ArchiveStatusReader.SLOT).detail("created", created);
    }
}
