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
import java.util.Optional;

/**
 * Level 3 of the runbook ("Database Restore, ~15-30 min, data since the last backup"), without
 * its one dangerous step: the runbook drops the database and then restores, so a truncated dump or a
 * failing restore leaves no database at all. Here the backup is read to its end first, the current
 * database is backed up, the restore goes into a scratch database that is checked, and only then
 * are the two swapped by renaming, the old one kept for an undo. Both plans start by locking the
 * database against other runs aimed at it ({@link LockDatabaseStep}). The app is stopped before the
 * restore (the runbook's order), or with {@link Method#KEEP_SERVING} only before the swap; either
 * way its downtime is measured ({@link AppDowntime}).
 */
public final class RestorePlan {
    public static final String COMMAND = "db-restore";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    /** What level 3 is given, in four named parts. */
    public record Inputs(Tools tools, Choices choices, Verification verification, PreviousRelease previous) {
    }

    /**
     * @param app how the app services are stopped during the switch and started after it
     */
    public record Tools(Postgres postgres, BackupStore store, AppServices app, Clock clock) {
    }

    /**
     * What the operator chose.
     *
     * @param backup "latest", a name in the backups dir, or a path
     * @param jobs   parallel {@code pg_restore} jobs
     */
    public record Choices(String backup, PreRestoreBackup preBackup, Method method, OldDatabase oldDatabase, int jobs) {
    }

    /** The pre-restore backup of the live database ({@code --no-pre-backup} skips it). */
    public enum PreRestoreBackup { TAKE, SKIP }

    /**
     * Restore into a scratch database with the app stopped and swap it in (the runbook's order: stop
     * first); the same while the app keeps serving from live, stopped only for the swap
     * ({@code --keep-serving}); or the runbook's drop-then-restore ({@code --in-place}).
     */
    public enum Method { SCRATCH_THEN_SWAP, KEEP_SERVING, IN_PLACE }

    /** The database a swap replaced: kept for {@code --undo}, or dropped once all is verified ({@code --drop-old}). */
    public enum OldDatabase { KEEP, DROP }

    /**
     * The final check once the app runs again.
     *
     * @param containers the app services' health checks
     * @param endpoints  the configured HTTP checks
     */
    public record Verification(String sampleQuery, HealthGate gate, List<HealthCheck> containers,
                               List<HealthCheck> endpoints) {
    }

    /**
     * {@code --redeploy previous}: level 1 to the previous release between the swap and the start
     * (compose stacks); null in {@link Inputs} to start the app as it was.
     */
    public record PreviousRelease(RedeployPlan.Inputs redeploy, Compose compose) {
    }

    private RestorePlan() {
    }

    public static Plan build(String database, Inputs in) {
        Tools tools = in.tools();
        Postgres postgres = tools.postgres();
        Choices choices = in.choices();
        boolean inPlace = choices.method() == Method.IN_PLACE;
        boolean keepServing = choices.method() == Method.KEEP_SERVING;
        RestoreState state = new RestoreState(database, stamp(tools.clock()), inPlace, keepServing);
        AppDowntime downtime = new AppDowntime(in.verification().endpoints());
        Optional<Step> stop = tools.app().stop().map(step -> new MeasuredStopStep(step, downtime));
        // The dump is judged first, so a bad one is refused (exit 3) even with the database down; the
        // lock is still taken before anything is applied, since every check runs before any apply.
        Plan.Builder plan = Plan.builder(COMMAND).level(3).confirmWith(database)
            .step(new VerifyBackupStep(choices.backup(), tools.store(), new DumpInspector(postgres), postgres, state,
                tools.clock()))
            .step(new LockDatabaseStep(postgres, database, COMMAND));
        if (choices.preBackup() == PreRestoreBackup.TAKE) {
            plan.steps(BackupPlan.steps(postgres, tools.store(), "pre_restore", DumpFormat.PLAIN, "pre-restore-",
                "preRestoreBackup"));
        }
        if (!keepServing) {
            stop.ifPresent(plan::step);   // the runbook's order: the app is down for the whole restore
        }
        if (inPlace) {
            plan.step(new RecreateLiveStep(postgres, state));
        }
        plan.step(new RestoreScratchStep(postgres, state, choices.jobs()))
            .step(new VerifyScratchStep(postgres, state, in.verification().sampleQuery()));
        if (keepServing) {
            // The app served from live all along; it stops only now, for the swap, so its downtime
            // is the swap and the start rather than the whole restore.
            stop.ifPresent(plan::step);
        }
        if (!inPlace) {
            plan.step(new SwapStep(postgres, state));
        }
        List<Step> start = tools.app().start().stream().toList();
        if (in.previous() != null) {
            // The runbook's step 5: the previous version goes back while the app is still stopped,
            // so the bad release never runs against the restored data.
            plan.steps(RedeployPlan.composeSteps(in.previous().redeploy(), in.previous().compose(), start));
        } else {
            plan.steps(start);
        }
        plan.step(verifyLive(in, downtime));
        if (choices.oldDatabase() == OldDatabase.DROP && !inPlace) {
            plan.step(new DropOldStep(postgres, state));
        }
        return plan.build();
    }

    /** {@code --undo}: the database the last restore replaced goes live again, the app around it stopped and started. */
    public static Plan undo(String database, Inputs in) {
        Tools tools = in.tools();
        Plan.Builder plan = Plan.builder(COMMAND).level(3).confirmWith(database)
            .step(new LockDatabaseStep(tools.postgres(), database, COMMAND));
        AppDowntime downtime = new AppDowntime(in.verification().endpoints());
        tools.app().stop().map(step -> new MeasuredStopStep(step, downtime)).ifPresent(plan::step);
        plan.step(new SwapBackStep(tools.postgres(), database, stamp(tools.clock())));
        tools.app().start().ifPresent(plan::step);
        return plan.step(verifyLive(in, downtime)).build();
    }

    private static Step verifyLive(Inputs in, AppDowntime downtime) {
        Verification verification = in.verification();
        return new VerifyLiveStep(in.tools().postgres(), verification.sampleQuery(), verification.gate(),
            verification.containers(), verification.endpoints(), downtime);
    }

    static String stamp(Clock clock) {
        return STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
    }
}
