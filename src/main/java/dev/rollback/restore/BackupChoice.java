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
 * Finds the backup the operator named: {@code latest} (the newest complete backup, not counting
 * earlier pre-restore safety copies), a bare name looked up in the backups dir
 * ({@code merq_20240101.sql}, as the runbook types it), or an explicit path ({@code ./x.sql},
 * {@code /mnt/old/x.dump}) for a file outside the backups dir.
 */
public final class BackupChoice {
    private BackupChoice() {
    }

    public static Path resolve(String wanted, BackupStore store, DumpInspector inspector) {
        if ("latest".equals(wanted)) {
            return latest(store, inspector);
        }
        boolean explicitPath = wanted.contains("/") || wanted.startsWith(".");
        Path path = explicitPath ? Path.of(wanted).toAbsolutePath().normalize() : store.dir().resolve(wanted);
        if (!Files.exists(path)) {
            throw RollbackException.refused("backup " + wanted + " not found"
                + (explicitPath ? "" : " in " + store.dir() + "; list them with `rollback backups`"));
        }
        return path;
    }

    private static Path latest(BackupStore store, DumpInspector inspector) {
        for (BackupFile backup : store.list()) {
            if (backup.label().startsWith("pre_restore")) {
                continue;
            }
            try {
                Inspection inspection = inspector.quick(backup.path());
                if (inspection.complete()) {
                    return backup.path();
                }
            } catch (IOException | RuntimeException unreadable) {
                // not a candidate
            }
        }
        throw RollbackException.refused("no complete backup in " + store.dir() + "; list them with `rollback backups`");
    }
}
