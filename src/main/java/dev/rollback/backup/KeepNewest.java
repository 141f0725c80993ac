package dev.rollback.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one retention rule, for dumps ({@code backups.keep}) and volume archives
 * ({@code backups.keep-volumes}): keep the newest {@code keep} complete backups, the one this run
 * takes included, and everything newer than the oldest of them; the rest goes. A backup that is
 * not complete never counts, so retention never leaves fewer restorable backups than asked for.
 */
public final class KeepNewest {
    private KeepNewest() {
    }

    /**
     * @param newestFirst the earlier backups of one label and kind, newest first (the backup this
     *                    run takes is not among them; it counts as the first complete one)
     * @param complete    whether a backup reads back (asked only until {@code keep} were found)
     * @return the backups to delete, newest first
     */
    public static List<BackupFile> beyond(List<BackupFile> newestFirst, int keep, Predicate<BackupFile> complete) {
        List<BackupFile> beyond = new ArrayList<>();
        int completeSeen = 1;
        boolean pastKept = keep <= 1;
        for (BackupFile backup : newestFirst) {
            if (pastKept) {
                beyond.add(backup);
            } else if (complete.test(backup) && ++completeSeen >= keep) {
                pastKept = true;
            }
        }
        return beyond;
    }
}
