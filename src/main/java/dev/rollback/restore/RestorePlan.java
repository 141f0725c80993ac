package dev.rollback.restore;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.postgres.DumpFormat;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupPlan;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.redeploy.RedeployPlan;
import dev.rollback.gate.HealthGate;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Level 3 of the runbook ("Database Restore, ~15-30 min, data since the last backup"), without
 * its one dangerous step: the runbook drops the database and then restores, so a truncated dump or a
 * failing restore leaves no database at all. Here the backup is read to its end first, the current
 * database is backed up, the restore goes into a scratch database that is checked, and only then
 * are the two swapped by renaming, the old one kept for an undo. Both plans start by locking the
 * database against other runs aimed at it ({@link LockDatabaseStep}).
 */
public final class RestorePlan {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    /**
     * @param backup       "latest", a name in the backups dir, or a path
     * @param app          how the app services are stopped during the switch and started after it
     * @param compose      for --redeploy previous (compose stacks), else null
     * @param containers   the app services' health checks, for the final verification
     * @param redeployPrevious level 1 to the previous release between the swap and the start
     *                     ({@code --redeploy previous}), or null
     */
    public record Inputs(Postgres postgres, AppServices app, Compose compose, BackupStore store, String backup, boolean preBackup,
                         boolean inPlace, boolean dropOld, int jobs, String sampleQuery, HealthGate gate,
                         List<HealthCheck> containers, List<HealthCheck> endpoints, Clock clock,
                         RedeployPlan.Inputs redeployPrevious) {
    }

    private RestorePlan() {
    }

    public static Plan build(String database, Inputs in) {
        RestoreState state = new RestoreState(database, stamp(in.clock()), in.inPlace());
        // The dump is judged first, so a bad one is refused (exit 3) even with the database down; the
        // lock is still taken before anything is applied, since every check runs before any apply.
        Plan.Builder plan = Plan.builder("db-restore").level(3).confirmWith(database)
            .step(new VerifyBackupStep(in.backup(), in.store(), new DumpInspector(in.postgres()), in.postgres(), state,
                in.clock()))
            .step(new LockDatabaseStep(in.postgres(), database));
        if (in.preBackup()) {
            plan.steps(BackupPlan.steps(in.postgres(), in.store(), "pre_restore", DumpFormat.PLAIN, "pre-restore-",
                "preRestoreBackup"));
        }
        in.app().stop().ifPresent(plan::step);
        if (in.inPlace()) {
            plan.step(new RecreateLiveStep(in.postgres(), state))
                .step(new RestoreScratchStep(in.postgres(), state, in.jobs()))
                .step(new VerifyScratchStep(in.postgres(), state, in.sampleQuery()));
        } else {
            plan.step(new RestoreScratchStep(in.postgres(), state, in.jobs()))
                .step(new VerifyScratchStep(in.postgres(), state, in.sampleQuery()))
                .step(new SwapStep(in.postgres(), state));
        }
        List<Step> start = in.app().start().stream().toList();
        if (in.redeployPrevious() != null) {
            // The runbook's step 5: the previous version goes back while the app is still stopped,
            // so the bad release never runs against the restored data.
            plan.steps(RedeployPlan.composeSteps(in.redeployPrevious(), in.compose(), start));
        } else {
            plan.steps(start);
        }
        plan.step(new VerifyLiveStep(in.postgres(), in.sampleQuery(), in.gate(), in.containers(), in.endpoints()));
        if (in.dropOld() && !in.inPlace()) {
            plan.step(new DropOldStep(in.postgres(), state));
        }
        return plan.build();
    }

    /** {@code --undo}: the database the last restore replaced goes live again, the app around it stopped and started. */
    public static Plan undo(String database, Inputs in) {
        Plan.Builder plan = Plan.builder("db-restore").level(3).confirmWith(database)
            .step(new LockDatabaseStep(in.postgres(), database));
        in.app().stop().ifPresent(plan::step);
        plan.step(new SwapBackStep(in.postgres(), database, stamp(in.clock())));
        in.app().start().ifPresent(plan::step);
        return plan.step(new VerifyLiveStep(in.postgres(), in.sampleQuery(), in.gate(), in.containers(), in.endpoints()))
            .build();
    }

    private static String stamp(Clock clock) {
        return STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
    }
}
