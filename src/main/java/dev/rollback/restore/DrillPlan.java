package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Plan;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code drill}: proves a backup restores, without touching the live database or the app. Level 3's
 * own steps do the work ({@link VerifyBackupStep}, {@link RestoreScratchStep} with its check on the
 * way in, {@link VerifyScratchStep}); there is no stop, no swap, no start, and the scratch copy is
 * always dropped. What the drill measures (the restore's duration) goes into the report's result and
 * so into the journal, where {@code history} sets it beside the runbook's estimate for level 3.
 *
 * <p>A backup that does not restore is exit 1 here (for level 3 it is a refusal, exit 3): a drill's
 * question is "does it restore", and "no" is its failing answer.
 */
public final class DrillPlan {
    /** The command's name in the journal; {@code history} and {@code plan} look for it. */
    public static final String COMMAND = "drill";
    /** The level a drill rehearses. */
    public static final int LEVEL = 3;

    /**
     * @param backup      "latest", a name in the backups dir, or a path
     * @param maxAge      the oldest the backup may be, or null for any age
     * @param sampleQuery the configured sample query, or null
     * @param volumes     the stack's named volumes when their archives are checked too ({@code --volumes}), else null
     */
    public record Inputs(Postgres postgres, BackupStore store, Clock clock, String backup, Duration maxAge,
                         String sampleQuery, Supplier<List<String>> volumes) {
    }

    private DrillPlan() {
    }

    public static Plan build(String database, Inputs in) {
        Postgres postgres = in.postgres();
        RestoreState state = new RestoreState(database, RestorePlan.stamp(in.clock()), false, false);
        Plan.Builder plan = Plan.builder(COMMAND).level(LEVEL).confirmWith(database)
            .step(new NotRestorable(new VerifyBackupStep(in.backup(), in.store(), new DumpInspector(postgres), postgres,
                state, in.clock()), state))
            .step(new BackupAgeStep(state, in.maxAge(), in.clock()))
            // The lock keeps a db-restore of the same database from running meanwhile: the scratch
            // step drops scratch copies it takes for leftovers, which another run's would look like.
            .step(new LockDatabaseStep(postgres, database, COMMAND))
            .step(new NotRestorable(new TimedRestore(new RestoreScratchStep(postgres, state, 1)), state))
            .step(new VerifyScratchStep(postgres, state, in.sampleQuery()))
            .step(new CompareSizeStep(postgres, state))
            .step(new DropScratchStep(postgres, state));
        if (in.volumes() != null) {
            plan.step(new CheckVolumeArchivesStep(in.store(), in.volumes(), in.maxAge(), in.clock()));
        }
        return plan.build();
    }
}
