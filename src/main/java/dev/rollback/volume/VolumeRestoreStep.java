package dev.rollback.volume;

import dev.rollback.adapters.docker.Volumes;
import dev.rollback.backup.BackupStore;
import dev.rollback.backup.VolumeArchive;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The strategies document's volume restore ({@code rm -rf /data/* && tar xzf ...}), in the safe order: the archive
 * is read to its end before anything is touched (a truncated archive is refused, exit 3), a volume
 * that running containers use is refused, then a fresh backup of what the volume holds is taken,
 * and only then is it emptied and refilled. If the refill fails, the fresh backup goes back at
 * once; if a later step of the plan fails, {@link #undo} puts it back.
 */
final class VolumeRestoreStep implements Step {
    static final String PRE_RESTORE_LABEL = "pre_restore_";

    private final Volumes volumes;
    private final BackupStore store;
    private final String volume;
    private final Path archive;
    private final List<String> preRestoreBackups;
    private final VolumeArchiver archiver;
    private VolumeArchive checked;
    private FileTime checkedModified;
    private VolumeBackup preRestore;

    /** @param preRestoreBackups shared by the restore steps of one plan, for the report's result */
    VolumeRestoreStep(Volumes volumes, BackupStore store, String volume, Path archive, List<String> preRestoreBackups) {
        this.volumes = volumes;
        this.store = store;
        this.volume = volume;
        this.archive = archive.toAbsolutePath().normalize();
        this.preRestoreBackups = preRestoreBackups;
        this.archiver = new VolumeArchiver(volumes, store);
    }

    @Override
    public String id() {
        return "restore-volume-" + volume;
    }

    @Override
    public String description() {
        return "empty volume " + volume + " and refill it from " + archive.getFileName()
            + " (after a fresh backup of what it holds now)";
    }

    @Override
    public void check(StepContext context) {
        checked = VolumeArchive.read(archive);
        checkedModified = modified();
        if (!volumes.exists(volume)) {
            throw RollbackException.refused("volume " + volume + " does not exist; nothing to restore into");
        }
        volumes.requireHelperImage();
        List<String> users = volumes.runningContainersUsing(volume);
        if (!users.isEmpty()) {
            throw RollbackException.refused("volume " + volume + " is in use by running container"
                + (users.size() == 1 ? " " : "s ") + String.join(", ", users) + "; stop them before refilling it");
        }
        store.requireWritable();
        context.detail("volume", volume).detail("archive", checked.detail());
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) throws IOException {
        requireUnchangedSinceCheck();
        preRestore = archiver.take(volume, PRE_RESTORE_LABEL + volume);
        preRestoreBackups.add(preRestore.archive().path().toString());
        context.detail("volume", volume).detail("preRestoreBackup", preRestore.detail())
            .result(VolumeSteps.PRE_RESTORE_RESULT, List.copyOf(preRestoreBackups));
        try {
            volumes.refill(volume, archive);
        } catch (RuntimeException refillFailed) {
            throw putBackAfter(refillFailed);
        }
        context.detail("restoredFrom", checked.detail());
    }

    /** The archive read in check is the one refilled: a file replaced in between is not trusted. */
    private void requireUnchangedSinceCheck() {
        if (!modified().equals(checkedModified) || size() != checked.archiveBytes()) {
            throw RollbackException.refused("volume archive " + archive + " changed since it was checked;"
                + " volume " + volume + " was not touched");
        }
    }

    /** A half-extracted volume is worse than the old one: the fresh backup goes back at once. */
    private RollbackException putBackAfter(RuntimeException refillFailed) {
        String why = refillFailed.getMessage();
        Path previous = preRestore.archive().path();
        try {
            volumes.refill(volume, previous);
        } catch (RuntimeException putBackFailed) {
            return new RollbackException(ExitCode.FAILED, "refilling volume " + volume + " failed (" + why
                + ") and putting its previous content back failed too (" + putBackFailed.getMessage()
                + "); restore it from " + previous, refillFailed);
        }
        return new RollbackException(ExitCode.FAILED, "refilling volume " + volume + " failed (" + why
            + "); its previous content was put back from " + previous, refillFailed);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        volumes.refill(volume, preRestore.archive().path());
        context.detail("volume", volume).detail("refilledFrom", preRestore.archive().path().toString());
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(archive);
        } catch (IOException e) {
            throw RollbackException.refused("cannot read volume archive " + archive + ": " + e.getMessage());
        }
    }

    private long size() {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw RollbackException.refused("cannot read volume archive " + archive + ": " + e.getMessage());
        }
    }
}
