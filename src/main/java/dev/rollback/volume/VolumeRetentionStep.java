package dev.rollback.volume;

import dev.rollback.backup.BackupFile;
import dev.rollback.backup.BackupFormat;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.KeepNewest;
import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code backups.keep-volumes}: after the volumes were archived, {@link KeepNewest} over each
 * one's archives (an archive that does not read back never counts). Only a volume's own archives
 * ({@code <volume>_<stamp>.tar.gz}) are looked at: pre-restore archives
 * ({@code pre_restore_<volume>_...}), dumps, config snapshots and incident bundles are never
 * deleted here.
 */
final class VolumeRetentionStep implements Step {
    private final BackupStore store;
    private final Supplier<List<String>> archivedVolumes;
    private final int keep;
    private final List<BackupFile> doomed = new ArrayList<>();

    /** @param archivedVolumes the volumes the backup step archives (known once it was checked) */
    VolumeRetentionStep(BackupStore store, Supplier<List<String>> archivedVolumes, int keep) {
        this.store = store;
        this.archivedVolumes = archivedVolumes;
        this.keep = keep;
    }

    @Override
    public String id() {
        return "volume-retention";
    }

    @Override
    public String description() {
        return doomed.isEmpty() ? "keep the newest " + keep + " archives of each volume (nothing to delete)"
            : "delete " + doomed.size() + " old volume archives (" + String.join(", ", names(doomed))
            + "), keeping the newest " + keep + " of each volume";
    }

    @Override
    public void check(StepContext context) {
        doomed.clear();
        for (String volume : archivedVolumes.get()) {
            List<BackupFile> archives = store.list(volume).stream().filter(VolumeRetentionStep::isVolumeArchive).toList();
            doomed.addAll(KeepNewest.beyond(archives, keep, VolumeRetentionStep::readsBack));
        }
        context.detail("delete", names(doomed));
    }

    private static boolean isVolumeArchive(BackupFile backup) {
        try {
            return BackupFormat.detect(backup.path()) == BackupFormat.VOLUME;
        } catch (IOException unreadable) {
            return false;   // not provably ours: left alone
        }
    }

    private static boolean readsBack(BackupFile backup) {
        try {
            VolumeArchive.read(backup.path());
            return true;
        } catch (RollbackException incomplete) {
            return false;
        }
    }

    @Override
    public boolean destructive() {
        return !doomed.isEmpty();
    }

    @Override
    public void apply(StepContext context) throws IOException {
        List<String> deleted = new ArrayList<>();
        context.detail("deleted", deleted);
        for (BackupFile backup : doomed) {
            Files.deleteIfExists(backup.path());
            deleted.add(backup.name());
        }
    }

    private static List<String> names(List<BackupFile> backups) {
        return backups.stream().map(BackupFile::name).toList();
    }
}
