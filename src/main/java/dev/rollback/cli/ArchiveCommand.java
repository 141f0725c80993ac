package dev.rollback.cli;

import dev.rollback.archive.ArchivePlan;
import dev.rollback.core.Plan;
import dev.rollback.core.RollbackException;
import dev.rollback.pitr.ArchiveLayout;
import picocli.CommandLine.Command;

/**
 * {@code archive}: the long-running WAL archiver for point-in-time restores. Started by systemd or as a
 * compose service; stops cleanly (exit 0) on SIGTERM or SIGINT.
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
    header = "Archive the database's WAL continuously until stopped.",
    description = {
        "Checks the server (wal_level, max_wal_senders, max_replication_slots, the REPLICATION role, a pg_hba.conf"
            + " replication entry) and refuses with exit 3 and what to change; creates the replication slot "
            + "rollback_archive when missing; then runs pg_receivewal into <backups.dir>/wal/ until SIGTERM or"
            + " Ctrl-C (exit 0), restarting it with a growing pause (1 s to 60 s) when it exits by itself.",
        "Runs for days: under systemd or as a compose service (docs/archiving.md). It takes no lock, so every other"
            + " command runs beside it. A slot whose archiver is gone for good keeps WAL on the server until it is"
            + " dropped: SELECT pg_drop_replication_slot('rollback_archive');"})
final class ArchiveCommand extends PlanCommand {

    ArchiveCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        String database = session.config().database().name();
        if (database == null) {
            throw RollbackException.usage("database.name is required for archive (set it in rollback.yml or DB_NAME)");
        }
        return ArchivePlan.archive(() -> session.postgres().replication(), database,
            new ArchiveLayout(session.config().backupsDir()), app.interruption()::requested);
    }
}
