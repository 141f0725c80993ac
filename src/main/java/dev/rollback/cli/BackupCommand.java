package dev.rollback.cli;

import dev.rollback.adapters.postgres.DumpFormat;
import dev.rollback.backup.BackupPlan;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.ConfigException;
import dev.rollback.core.config.Names;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}: the runbook's pre-deployment database backup, verified before it is kept. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Dump the database to <backups.dir>/<label>_YYYYMMDD_HHMMSS.<ext>: written under a",
        "temporary name, read back to its end, then renamed into place."})
final class BackupCommand extends PlanCommand {

    /** Formats offered on the command line (directory format is for restores only). */
    enum Format { plain, custom, tar }

    @Option(names = "--label", paramLabel = "LABEL", description = "File name prefix (default: the database name).")
    String label;

    @Option(names = "--format", paramLabel = "plain|custom|tar",
        description = "plain SQL (.sql, default), custom (.dump, restores in parallel) or tar (.tar).")
    Format format = Format.plain;

    @Option(names = "--keep", paramLabel = "N",
        description = "Keep the newest N complete backups of this label, delete older ones (default: backups.keep).")
    Integer keep;

    BackupCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        if (config.database().name() == null) {
            throw RollbackException.usage("database.name is required for backup (set it in rollback.yml or DB_NAME)");
        }
        String prefix = label != null ? label : config.database().name();
        try {
            Names.requireLabel("--label", prefix);
        } catch (ConfigException e) {
            throw RollbackException.usage(e.getMessage());
        }
        if (keep != null && keep < 1) {
            throw RollbackException.usage("--keep must be at least 1, got " + keep);
        }
        Integer retention = keep != null ? keep : config.backups().keep();
        BackupStore store = new BackupStore(config.backupsDir(), app.clock());
        return BackupPlan.build(session.postgres(), store, prefix, DumpFormat.valueOf(format.name().toUpperCase()), retention);
    }
}
