package dev.rollback.volume;

import dev.rollback.adapters.docker.Volumes;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The strategies document's "Backup volumes with data": every named volume, mounted read-only in a helper
 * container, archived to {@code <backups.dir>/<volume>_YYYYMMDD_HHMMSS.tar.gz} and read back before
 * it gets that name. The volume names are asked for once, in {@link #check}, so a dry run lists
 * them and a missing volume stops the run before anything is written. A missing helper image is
 * pulled first (in apply) when {@code helperImages} may pull, else refused in the check (exit 3,
 * nothing written); without {@code helperImages} it is refused as the adapter does.
 */
final class VolumeBackupStep implements Step {
    private final Volumes volumes;
    private final BackupStore store;
    private final Supplier<List<String>> volumeNames;
    private final VolumeArchiver archiver;
    private final MissingImages helperImages;
    private List<String> names = List.of();
    private List<String> helperToPull = List.of();

    /** @param helperImages how a missing helper image arrives; null: it must be here already */
    VolumeBackupStep(Volumes volumes, BackupStore store, Supplier<List<String>> volumeNames,
                     MissingImages helperImages) {
        this.helperImages = helperImages;
        this.volumes = volumes;
        this.store = store;
        this.volumeNames = volumeNames;
        this.archiver = new VolumeArchiver(volumes, store);
    }

    @Override
    public String id() {
        return "backup-volumes";
    }

    /** The volumes it archives: empty until it was checked. */
    List<String> volumeNames() {
        return names;
    }

    @Override
    public String description() {
        return names.isEmpty() ? "archive the named volumes (mounted read-only) into " + store.dir()
            : "archive volume" + (names.size() == 1 ? " " : "s ") + String.join(", ", names)
            + " (mounted read-only) into " + store.dir();
    }

    @Override
    public void check(StepContext context) {
        store.requireWritable();
        names = List.copyOf(volumeNames.get());
        for (String volume : names) {
            if (!volumes.exists(volume)) {
                throw RollbackException.refused("volume " + volume + " does not exist; nothing to back up there");
            }
        }
        if (!names.isEmpty()) {
            requireHelperImage(context);
        }
        context.detail("volumes", names);
    }

    private void requireHelperImage(StepContext context) {
        if (helperImages == null || volumes.helperImage() == null) {
            volumes.requireHelperImage();
            return;
        }
        helperToPull = helperImages.check(List.of(volumes.helperImage()), "helper image (docker.helper-image)");
        if (!helperToPull.isEmpty()) {
            context.detail("helperToPull", volumes.helperImage());
        }
    }

    @Override
    public void apply(StepContext context) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        // Live lists: when a later volume fails, the report still shows the archives already made.
        context.detail("volumes", rows).result(VolumeSteps.BACKUPS_RESULT, paths);
        if (names.isEmpty()) {
            context.skip("no named volumes to back up");
            return;
        }
        if (!helperToPull.isEmpty()) {
            helperImages.pull(helperToPull, context);
        }
        for (String volume : names) {
            VolumeBackup backup = archiver.take(volume, volume);
            rows.add(backup.detail());
            paths.add(backup.archive().path().toString());
            context.progress("    " + backup.summary());
        }
    }
}
