package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.Plan;
import dev.rollback.pitr.ArchiveLayout;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code backup --base} and {@code archive}: continuous archiving for a point-in-time restore. Both check the
 * server first and refuse (exit 3) with the changes to make. Neither takes the state lock: the archiver runs
 * for days beside every other command, and a base backup only adds files of its own.
 */
public final class ArchivePlan {
    private ArchivePlan() {
    }

    /** A base backup into {@code backups.dir/base/NAME/}. */
    public static Plan baseBackup(Supplier<Replication> replication, String database, ArchiveLayout layout, Clock clock,
                                  Supplier<String> image) {
        return Plan.builder("backup").readOnly()
            .step(new ServerReadyStep(replication, database, false))
            .step(new BaseBackupStep(replication, layout, clock, image))
            .build();
    }

    /**
     * {@code backup --label LABEL} while archiving is live: a mark in {@code marks.jsonl} instead of a dump, then
     * {@code more} (volume archives, the config snapshot).
     */
    public static Plan mark(Supplier<Replication> replication, ArchiveLayout layout, String label,
                            java.util.List<dev.rollback.core.Step> more) {
        return Plan.builder("backup")
            .step(new MarkStep(replication, layout, label, ReceiveWalStep::sleep, MarkStep.ARCHIVED_WITHIN))
            .steps(more)
            .build();
    }

    /** Said in a dump's report when archiving is set up but not live, so the backup is a dump. */
    public static dev.rollback.core.Step notLive(ArchiveStatus status) {
        return new ArchivingNoteStep(status);
    }

    /** {@code verify}'s check that archiving, where it is set up, is live. */
    public static dev.rollback.core.Step liveCheck(ArchiveStatusReader reader) {
        return new ArchivingLiveStep(reader);
    }

    /** The archiver: slot, then pg_receivewal until {@code stop}. */
    public static Plan archive(Supplier<Replication> replication, String database, ArchiveLayout layout,
                               BooleanSupplier stop) {
        return Plan.builder("archive").readOnly()
            .step(new ServerReadyStep(replication, database, true))
            .step(new SlotStep(replication))
            .step(new ReceiveWalStep(replication, layout, stop, ReceiveWalStep::sleep))
            .build();
    }
}
