package dev.rollback.cli;

import dev.rollback.adapters.postgres.DumpFormat;
import dev.rollback.archive.ArchivePlan;
import dev.rollback.archive.ArchiveStatus;
import dev.rollback.archive.ArchiveStatusReader;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.backup.BackupPlan;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.config.Config;
import dev.rollback.core.config.ConfigException;
import dev.rollback.core.config.Names;
import dev.rollback.images.MissingImages;
import dev.rollback.platform.Capability;
import dev.rollback.volume.VolumeSteps;
import dev.rollback.workdir.SnapshotFilesStep;
import dev.rollback.workdir.StackFiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backup}: the runbook's pre-deployment backup, verified before it is kept: the database
 * dump, and on request the volume archives and config snapshot of the strategies document
 * (docs/runbook/strategies.md). Without a database
 * ({@code --no-database}) only what the flags ask for is backed up; a missing database config is
 * never a silent reason to skip the dump.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    header = "Back up the database, volumes or config files.",
    description = {
        "Dump the database to <backups.dir>/<label>_YYYYMMDD_HHMMSS.<ext>: written under a temporary name, read "
            + "back to its end, then renamed into place.",
        "--volumes: also every named volume of the compose project or Swarm stack, to "
            + "<volume>_YYYYMMDD_HHMMSS.tar.gz. --config-files: also the compose file, the env file and the running "
            + "image list, to <stack>-config_YYYYMMDD_HHMMSS.files/.",
        "--base: a base backup for point-in-time restores (pg_basebackup) to <backups.dir>/base/<UTC time>/. While "
            + "rollback archive is live, --label pre_deploy records a mark (the WAL position and time, in "
            + "<backups.dir>/marks.jsonl) instead of a dump."})
final class BackupCommand extends PlanCommand {

    /** The label whose backup becomes a mark while WAL archiving is live. */
    static final String PRE_DEPLOY = "pre_deploy";

    /** Formats offered on the command line (directory format is for restores only). */
    enum Format { plain, custom, tar }

    @Option(names = "--label", paramLabel = "LABEL", description = "File name prefix (default: the database name).")
    String label;

    @Option(names = "--format", paramLabel = "plain|custom|tar",
        description = "plain SQL (.sql, default), custom (.dump, restores in parallel) or tar (.tar).")
    Format format;

    @Option(names = "--keep", paramLabel = "N",
        description = "Keep the newest N complete backups of this label, delete older ones (default: backups.keep).")
    Integer keep;

    @Option(names = "--volumes",
        description = "Also archive every named volume of the compose project or Swarm stack on this host"
            + " (after the dump; read-only mounts).")
    boolean volumes;

    @Option(names = "--config-files",
        description = "Also copy the compose file, the env file and the running image list.")
    boolean configFiles;

    @Option(names = "--no-pull",
        description = "With --volumes: refuse instead of pulling a missing helper image (docker.helper-image).")
    boolean noPull;

    @Option(names = "--base",
        description = "A base backup for point-in-time restores instead of a dump: pg_basebackup to"
            + " <backups.dir>/base/<UTC time>/base.tar.gz with base.json (start and end WAL positions).")
    boolean base;

    @Option(names = "--no-database",
        description = "Skip the database dump (for a stack without one); needs --volumes or --config-files.")
    boolean noDatabase;

    BackupCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        Config config = session.config();
        BackupStore store = new BackupStore(config.backupsDir(), app.clock());
        if (base) {
            return baseBackup(session);
        }
        List<Step> more = volumeAndConfigSteps(session, store);
        if (noDatabase) {
            requireNoDumpOptions(more);
            return BackupPlan.withoutDatabase(more);
        }
        if (config.database().name() == null) {
            throw RollbackException.usage("database.name is required for backup (set it in rollback.yml or DB_NAME,"
                + " or pass --no-database with --volumes or --config-files)");
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
        if (PRE_DEPLOY.equals(prefix)) {
            ArchiveLayout layout = new ArchiveLayout(config.backupsDir());
            ArchiveStatus archiving = new ArchiveStatusReader(layout, () -> session.postgres().replication(),
                app.clock()).read();
            if (archiving.live()) {
                return ArchivePlan.mark(() -> session.postgres().replication(), layout, prefix, more);
            }
            if (archiving.newestWal() != null || archiving.newestBaseBackup() != null) {
                more.add(0, ArchivePlan.notLive(archiving));
            }
        }
        Integer retention = keep != null ? keep : config.backups().keep();
        DumpFormat dumpFormat = DumpFormat.valueOf((format != null ? format : Format.plain).name().toUpperCase());
        return BackupPlan.build(session.postgres(), store, prefix, dumpFormat, retention, more);
    }

    private Plan baseBackup(Session session) {
        if (label != null || format != null || keep != null || volumes || configFiles || noDatabase) {
            throw RollbackException.usage("--base takes a base backup of the whole server and nothing else; it does not"
                + " go with --label, --format, --keep, --volumes, --config-files or --no-database");
        }
        Config config = session.config();
        if (config.database().name() == null) {
            throw RollbackException.usage("database.name is required for backup --base (set it in rollback.yml or"
                + " DB_NAME)");
        }
        return ArchivePlan.baseBackup(() -> session.postgres().replication(), config.database().name(),
            new ArchiveLayout(config.backupsDir()), app.clock(), () -> databaseImage(session));
    }

    /** The database container's image, which a restore of the base backup runs; null when unknown. */
    private static String databaseImage(Session session) {
        String container = session.config().database().container();
        if (container == null) {
            return null;
        }
        try {
            return session.docker().container(container).map(c -> c.image()).orElse(null);
        } catch (RollbackException e) {
            return null;
        }
    }

    private List<Step> volumeAndConfigSteps(Session session, BackupStore store) {
        Config config = session.config();
        String stack = config.stack().name();
        List<Step> steps = new ArrayList<>();
        if (volumes) {
            session.platform().require(Capability.VOLUMES, "--volumes");
            steps.addAll(VolumeSteps.backupAll(session.volumes(), store, session.platform()::volumes,
                config.backups().keepVolumes(), new MissingImages(session.docker(), !noPull)));
        }
        if (configFiles) {
            session.platform().require(Capability.RELEASE_LEDGER, "--config-files");
            StackFiles files = new StackFiles(config.workdir(), config.stack().composeFile(), config.stack().envFile());
            steps.add(new SnapshotFilesStep(files, store, stack, () -> session.runningStack().values().stream()
                .map(service -> service.name() + " " + service.image() + " " + service.imageId()).toList()));
        }
        return steps;
    }

    private void requireNoDumpOptions(List<Step> more) {
        if (more.isEmpty()) {
            throw RollbackException.usage("--no-database leaves nothing to back up; add --volumes or --config-files");
        }
        if (label != null || format != null || keep != null) {
            throw RollbackException.usage("--label, --format and --keep are about the database dump;"
                + " they do not go with --no-database");
        }
    }
}
