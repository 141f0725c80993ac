package dev.rollback.cli;

import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.DurationText;
import dev.rollback.platform.Capability;
import dev.rollback.restore.DrillPlan;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drill}: restores a backup into a scratch database, checks it as level 3 would, drops it and
 * records how long the restore took. The live database and the app are never touched, so it can run
 * from cron or CI; exit 1 says the backup would not have saved the day.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
    header = "Prove a backup restores, in a scratch database.",
    description = {
        "Level 3's restore and checks (tables, rows, the sample query, size beside live) on a scratch database"
            + " that is dropped afterwards; the live database and the app are never touched. The restore time is"
            + " recorded: `history` shows it next to the runbook's estimate, and `plan` does not count on a backup"
            + " whose last drill failed.",
        "Exit 0: the backup restores. Exit 1: it does not, or it is older than --max-age.",
        "Example (cron, daily): rollback drill --max-age 26h --volumes"})
final class DrillCommand extends PlanCommand {
    @Option(names = "--backup", paramLabel = "NAME|latest",
        description = "A name in backups.dir, a path, or latest (the newest complete backup; the default).")
    String backup = "latest";

    @Option(names = "--max-age", paramLabel = "DURATION",
        description = "Fail (exit 1) when the backup (and, with --volumes, a volume archive) is older than this: 26h, 2d, 90m.")
    String maxAge;

    @Option(names = "--volumes", description = "Also read the newest archive of each named volume to its end.")
    boolean volumes;

    DrillCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        String database = config.database().name();
        if (database == null) {
            throw RollbackException.usage("database.name is required for drill (set it in rollback.yml or DB_NAME)");
        }
        Duration oldest = maxAge == null ? null : maxAge(maxAge);
        if (volumes) {
            session.platform().require(Capability.VOLUMES, "--volumes");
        }
        return DrillPlan.build(database, new DrillPlan.Inputs(session.postgres(),
            new BackupStore(config.backupsDir(), app.clock()), app.clock(), backup, oldest,
            config.verify().sampleQuery(), volumes ? session.platform()::volumes : null));
    }

    /** {@code 26h}, {@code 90m}, {@code 1h30m}, or whole days ({@code 2d}): backups are daily things. */
    static Duration maxAge(String text) {
        try {
            Duration age = text.strip().matches("\\d{1,5}d")
                ? Duration.ofDays(Long.parseLong(text.strip().replace("d", ""))) : DurationText.parse(text);
            if (age.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is zero");
            }
            return age;
        } catch (IllegalArgumentException e) {
            throw RollbackException.usage("--max-age: " + e.getMessage() + "; examples: 26h, 2d, 90m");
        }
    }
}
