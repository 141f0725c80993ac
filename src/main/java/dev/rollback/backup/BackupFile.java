package dev.rollback.backup;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * A backup in the backups dir, named {@code <label>_YYYYMMDD_HHMMSS.<ext>} as in the runbook.
 * {@code takenAt} is the machine's local time from the name (the runbook's {@code date} format).
 */
public record BackupFile(String name, Path path, String label, LocalDateTime takenAt, long sizeBytes) {
}
