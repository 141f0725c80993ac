package dev.rollback.cli;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.RestoreTarget;
import dev.rollback.pitr.TargetChoice;
import dev.rollback.platform.Capability;
import dev.rollback.platform.Platform;
import dev.rollback.redeploy.RedeployPlan;
import dev.rollback.restore.AppServices;
import dev.rollback.restore.PitrRestorePlan;
import dev.rollback.restore.RestorePlan.Method;
import dev.rollback.restore.RestorePlan.OldDatabase;
import dev.rollback.restore.RestorePlan.PreRestoreBackup;
import dev.rollback.restore.RestorePlan;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code db-restore} (level 3): restore PostgreSQL from a backup without ever losing the current data. */
@Command(name = "db-restore", aliases = "level3", mixinStandardHelpOptions = true,
    header = "Level 3: restore the database from a backup.",
    description = {
        "Verify the dump, back up the current database, stop the app, restore into a scratch database, check it, "
            + "swap it in (the old one is kept), start the app, verify.",
        "Example: rollback level3 --backup merq_20240101_020000.sql"})
final class DbRestoreCommand extends PlanCommand {
    @Option(names = "--backup", paramLabel = "FILE|latest",
        description = "A name in backups.dir, a path, or latest (the newest complete backup).")
    String backup;

    @Option(names = "--to-release", paramLabel = "ID", description = "Point-in-time restore: the database as it was"
        + " when release ID was recorded (its WAL point), from a base backup and the WAL archive.")
    String toRelease;

    @Option(names = "--to-mark", paramLabel = "LABEL", description = "Point-in-time restore to the newest mark with"
        + " this label (pre_deploy).")
    String toMark;

    @Option(names = "--to-time", paramLabel = "TIMESTAMP", description = "Point-in-time restore to an ISO-8601"
        + " instant, e.g. 2026-12-03T11:22:00Z.")
    String toTime;

    @Option(names = "--undo", description = "Undo the last restore: its kept old database becomes live again.")
    boolean undo;

    @Option(names = "--no-pre-backup", description = "Skip the pre-restore backup (only with --yes; the replaced database is still kept).")
    boolean noPreBackup;

    @Option(names = "--in-place", description = "Drop and recreate the live database, then restore into it, as the"
        + " runbook's step 4 is written (only after the pre-restore backup; no database until the restore completes).")
    boolean inPlace;

    @Option(names = "--keep-serving", description = "Restore into the scratch database while the app keeps serving"
        + " from the live one; stop it only for the swap. The kept old database then also holds what the app wrote"
        + " during the restore.")
    boolean keepServing;

    @Option(names = "--drop-old", description = "Drop the replaced database after a verified restore (default: keep it).")
    boolean dropOld;

    @Option(names = "--keep-old", description = "Keep the replaced database as <db>_pre_restore_<ts> (the default).")
    boolean keepOld;

    /** What runs after the restore. */
    enum Redeploy { none, previous }

    @Option(names = "--redeploy", paramLabel = "previous|none",
        description = "previous: bring back the previous release (level 1) before starting the app; none (default).")
    Redeploy redeploy = Redeploy.none;

    @Option(names = "--jobs", paramLabel = "N", description = "Parallel jobs for custom/directory dumps (default 2).")
    int jobs = 2;

    DbRestoreCommand(AppContext app) {
        super(app);
    }

    private RedeployPlan.Inputs redeployPrevious(Session session, Config config) {
        if (redeploy == Redeploy.none) {
            return null;
        }
        session.platform().require(Capability.REDEPLOY_AFTER_RESTORE);
        if (config.stack().appServices().isEmpty()) {
            throw RollbackException.usage("--redeploy previous needs stack.app-services");
        }
        return new RedeployPlan.Inputs(session.docker(), session.ledger(), session.platform().stack(), "previous",
            config.stack().appServices(), session.httpChecks(), session.healthGate(), true);
    }

    private Method method() {
        return inPlace ? Method.IN_PLACE : keepServing ? Method.KEEP_SERVING : Method.SCRATCH_THEN_SWAP;
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        String database = config.database().name();
        if (database == null) {
            throw RollbackException.usage("database.name is required for db-restore (set it in rollback.yml or DB_NAME)");
        }
        int pointInTime = (toRelease != null ? 1 : 0) + (toMark != null ? 1 : 0) + (toTime != null ? 1 : 0);
        if ((backup != null ? 1 : 0) + pointInTime + (undo ? 1 : 0) != 1) {
            throw RollbackException.usage("give one of --backup FILE|latest, --to-release ID, --to-mark LABEL,"
                + " --to-time TIMESTAMP or --undo");
        }
        if (pointInTime == 1 && (inPlace || dropOld)) {
            throw RollbackException.usage("--in-place and --drop-old do not apply to a point-in-time restore (the"
                + " old data is always kept, in a volume)");
        }
        if (toTime != null) {
            TargetChoice.time(toTime);   // a malformed time is a usage error before anything is reached
        }
        if (pointInTime == 1 || (undo && PitrCommand.lastRestoreWasPitr(session, database))) {
            session.platform().require(Capability.POINT_IN_TIME_RESTORE);
            PitrRestorePlan.Inputs pitr = PitrCommand.inputs(session, level3(session, config));
            if (undo) {
                return PitrRestorePlan.undo(database, pitr);
            }
            ArchiveLayout layout = pitr.layout();
            Supplier<RestoreTarget> target = toRelease != null ? () -> TargetChoice.release(session.ledger(), toRelease)
                : toMark != null ? () -> TargetChoice.mark(layout, toMark) : () -> TargetChoice.time(toTime);
            return PitrRestorePlan.build(database, target, pitr);
        }
        if (inPlace && noPreBackup) {
            throw RollbackException.usage("--in-place needs the pre-restore backup: it is the only way back");
        }
        if (inPlace && keepServing) {
            throw RollbackException.usage("--keep-serving and --in-place exclude each other: --in-place drops the live"
                + " database the app would keep serving from");
        }
        if (dropOld && keepOld) {
            throw RollbackException.usage("--drop-old and --keep-old exclude each other");
        }
        if (jobs < 1 || jobs > 32) {
            throw RollbackException.usage("--jobs must be between 1 and 32, got " + jobs);
        }
        if (noPreBackup) {
            if (!session.options().yes) {
                throw RollbackException.refused("--no-pre-backup needs --yes: without the pre-restore backup only the"
                    + " kept database can undo this restore");
            }
            app.err().println("rollback: WARNING: no pre-restore backup will be taken (--no-pre-backup)");
        }
        if (keepServing && dropOld) {
            app.err().println("rollback: WARNING: --drop-old with --keep-serving: what the app writes during the restore"
                + " is dropped with the old database");
        }
        RestorePlan.Inputs inputs = level3(session, config);
        return undo ? RestorePlan.undo(database, inputs) : RestorePlan.build(database, inputs);
    }

    private RestorePlan.Inputs level3(Session session, Config config) {
        List<String> appServices = config.stack().appServices();
        Platform platform = session.platform();
        AppServices services = platform.appServices(appServices);
        List<HealthCheck> containers = platform.serviceChecks(appServices);
        RedeployPlan.Inputs previous = redeployPrevious(session, config);
        return new RestorePlan.Inputs(
            new RestorePlan.Tools(session.postgres(), new BackupStore(config.backupsDir(), app.clock()), services,
                app.clock()),
            new RestorePlan.Choices(backup, noPreBackup ? PreRestoreBackup.SKIP : PreRestoreBackup.TAKE,
                method(), dropOld ? OldDatabase.DROP : OldDatabase.KEEP, jobs),
            new RestorePlan.Verification(config.verify().sampleQuery(), session.healthGate(), containers,
                session.httpChecks()),
            previous == null ? null : new RestorePlan.PreviousRelease(previous, session.compose()));
    }
}
