package dev.rollback.restore;

import dev.rollback.backup.BackupFile;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.backup.Inspection;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the backup the operator named: {@code latest} (the newest complete dump of this stack's
 * database, not counting earlier pre-restore safety copies), a bare name looked up in the backups
 * dir ({@code merq_20240101.sql}, as the runbook types it), or an explicit path ({@code ./x.sql},
 * {@code /mnt/old/x.dump}) for a file outside the backups dir.
 *
 * <p>Whose dump a file is: its label, which {@code backup} sets to the database name. Several
 * stacks may share one backups dir; {@code latest} never picks another database's dump, and a
 * dump whose own content names another database (an archive's table of contents, a
 * {@code --create} dump's CREATE DATABASE) is passed over even when its label matches.
 */
public final class BackupChoice {
    private BackupChoice() {
    }

    /** @param database the stack's database: {@code latest} picks only dumps labelled with it */
    public static Path resolve(String wanted, BackupStore store, DumpInspector inspector, String database) {
        if ("latest".equals(wanted)) {
            return latest(store, inspector, database);
        }
        boolean explicitPath = wanted.contains("/") || wanted.startsWith(".");
        Path path = explicitPath ? Path.of(wanted).toAbsolutePath().normalize() : store.dir().resolve(wanted);
        if (!Files.exists(path)) {
            throw RollbackException.refused("backup " + wanted + " not found"
                + (explicitPath ? "" : " in " + store.dir() + "; list them with `rollback backups`"));
        }
        return path;
    }

    private static Path latest(BackupStore store, DumpInspector inspector, String database) {
        for (BackupFile backup : store.list(database)) {
            try {
                Inspection inspection = inspector.quick(backup.path());
                if (inspection.complete() && (inspection.database() == null || inspection.database().equals(database))) {
                    return backup.path();
                }
            } catch (IOException | RuntimeException unreadable) {
                // not a candidate
            }
        }
        throw RollbackException.refused("no complete backup of database " + database + " (" + database
            + "_YYYYMMDD_HHMMSS.sql, .sql.gz, .dump, .tar or .dir) in " + store.dir()
            + "; name one with --backup FILE, or list them with `rollback backups`");
    }
}
