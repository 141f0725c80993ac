package dev.rollback.cli;

import dev.rollback.backup.BackupList;
import dev.rollback.backup.BackupRow;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.ListBackupsPlan;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code backups}: what can be restored, newest first. */
@Command(name = "backups", mixinStandardHelpOptions = true,
    header = "List the backups and whether each one is complete.",
    description = "For each backup: name, time, size, format, whose database, and whether it is complete.")
final class BackupsCommand extends PlanCommand {

    BackupsCommand(AppContext app) {
        super(app);
    }

    @Override
    protected Plan plan(Session session) {
        // A stack without a database (volumes and config only) still lists its backups; only
        // pg_dump archives need the database's tools to be checked.
        boolean database = session.config().database().name() != null && session.config().database().user() != null;
        return ListBackupsPlan.build(new BackupStore(session.config().backupsDir(), app.clock()),
            database ? session.postgres() : null);
    }

    @Override
    protected void printResult(Report report, PrintWriter out) {
        report.result(BackupList.class).ifPresent(list -> print(list, out));
    }

    private static void print(BackupList list, PrintWriter out) {
        List<BackupRow> rows = list.backups();
        if (rows.isEmpty()) {
            out.println("no backups in " + list.dir());
            return;
        }
        // As wide as the longest name: volume archives and config copies carry the stack's name and can be long.
        int width = Math.max(40, rows.stream().mapToInt(row -> row.file().name().length()).max().orElse(0));
        int databaseWidth = Math.max(8, rows.stream().mapToInt(row -> database(row).length()).max().orElse(0));
        String line = "%-" + width + "s %-19s %10s  %-10s %-" + databaseWidth + "s %s%n";
        out.printf(Locale.ROOT, line, "NAME", "TAKEN", "SIZE", "FORMAT", "DATABASE", "COMPLETE");
        for (BackupRow row : rows) {
            out.printf(Locale.ROOT, line, row.file().name(),
                row.file().takenAt().replace('T', ' '), humanSize(row.file().sizeBytes()),
                row.format(), database(row),
                row.complete() ? "yes" : "NO: " + row.problem());
        }
    }

    /** Whose dump it is ("database" in JSON); "-" for volume archives, config copies and unknown owners. */
    private static String database(BackupRow row) {
        return row.database() == null ? "-" : row.database();
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
