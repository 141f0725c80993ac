package dev.rollback.volume;

import dev.rollback.adapters.docker.Volumes;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Takes a volume backup the way every backup here is taken: written under a hidden partial name,
 * read back to its end ({@link VolumeArchive}), then renamed into place, so a file under a backup
 * name is always a complete archive. A failed attempt leaves nothing behind.
 */
final class VolumeArchiver {
    private final Volumes volumes;
    private final BackupStore store;

    VolumeArchiver(Volumes volumes, BackupStore store) {
        this.volumes = volumes;
        this.store = store;
    }

    /** Archives {@code volume} to {@code <backups.dir>/<label>_YYYYMMDD_HHMMSS.tar.gz}. */
    VolumeBackup take(String volume, String label) throws IOException {
        long start = System.nanoTime();
        Path target = store.newPath(label, VolumeArchive.EXTENSION);
        Path partial = BackupStore.partialPath(target);
        boolean published = false;
        try {
            List<String> changedWhileRead = volumes.archive(volume, partial);
            VolumeArchive written = verified(volume, partial);
            BackupStore.publish(partial, target);
            published = true;
            return new VolumeBackup(volume, written.movedTo(target), changedWhileRead,
                (System.nanoTime() - start) / 1_000_000);
        } finally {
            if (!published) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** A fresh archive that does not read back is a failure of this run (exit 1), not a refusal. */
    private static VolumeArchive verified(String volume, Path partial) {
        try {
            return VolumeArchive.read(partial);
        } catch (RollbackException unusable) {
            throw RollbackException.failed("the archive of volume " + volume + " just written does not read back: "
                + unusable.getMessage());
        }
    }
}
