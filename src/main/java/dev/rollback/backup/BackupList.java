package dev.rollback.backup;

import java.util.List;

/** {@code backups}' result: the backups dir and what is in it, newest first. */
public record BackupList(String dir, List<BackupRow> backups) {
    public BackupList {
        backups = List.copyOf(backups);
    }
}
