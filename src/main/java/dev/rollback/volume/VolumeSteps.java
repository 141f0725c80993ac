package dev.rollback.volume;

import dev.rollback.adapters.docker.Volumes;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Step;
import dev.rollback.images.MissingImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The volume steps that other plans add with one call: {@code backup --volumes}, the
 * {@code recreate} and {@code blue-green} strategies, level 4's data restore.
 *
 * <pre>{@code
 * // back up every volume of compose project P (after the database dump, before compose down):
 * plan.steps(VolumeSteps.backupProject(volumes, store, config.stack().name()));
 * // or any list of names, asked for once in the step's check():
 * plan.steps(VolumeSteps.backupAll(volumes, store, () -> List.of("merq_pgdata")));
 * // restore (destructive; each volume gets a fresh pre-restore backup first, undone on a later failure):
 * plan.steps(VolumeSteps.restore(volumes, store, Map.of("merq_pgdata", archive)));
 * }</pre>
 *
 * <p>Backups land in {@code <backups.dir>/<volume>_YYYYMMDD_HHMMSS.tar.gz}; the report's result
 * {@value #BACKUPS_RESULT} lists their paths (empty when there are no volumes, the step then shows
 * as skipped). Restores refuse (exit 3, nothing touched) a truncated or foreign archive, a missing
 * volume or helper image, and a volume that a running container mounts: stop the services first.
 * Their fresh backups are named {@code pre_restore_<volume>_...tar.gz} and listed in
 * {@value #PRE_RESTORE_RESULT}. Step ids: {@code backup-volumes}, {@code volume-retention} (with
 * a {@code keep}), {@code restore-volume-<volume>}.
 */
public final class VolumeSteps {
    /** Result key: the paths of the archives {@link #backupAll} wrote, a list of strings. */
    public static final String BACKUPS_RESULT = "volumeBackups";
    /** Result key: the paths of the fresh backups {@link #restore} took before refilling. */
    public static final String PRE_RESTORE_RESULT = "preRestoreVolumeBackups";

    private VolumeSteps() {
    }

    /**
     * Archives every volume {@code volumeNames} answers (asked once, when the plan is checked).
     * One step, {@code backup-volumes}; not destructive, nothing to undo (the archives are kept).
     */
    public static List<Step> backupAll(Volumes volumes, BackupStore store, Supplier<List<String>> volumeNames) {
        return backupAll(volumes, store, volumeNames, null);
    }

    /**
     * {@link #backupAll}, then, when {@code keep} is set ({@code backups.keep-volumes}), a
     * {@code volume-retention} step that deletes each archived volume's archives beyond the newest
     * {@code keep} complete ones (destructive when it deletes anything).
     */
    public static List<Step> backupAll(Volumes volumes, BackupStore store, Supplier<List<String>> volumeNames,
                                       Integer keep) {
        return backupAll(volumes, store, volumeNames, keep, null);
    }

    /**
     * {@link #backupAll(Volumes, BackupStore, Supplier, Integer)}, pulling the helper image first
     * when it is missing and {@code helperImages} may pull (refused in the check otherwise).
     */
    public static List<Step> backupAll(Volumes volumes, BackupStore store, Supplier<List<String>> volumeNames,
                                       Integer keep, MissingImages helperImages) {
        VolumeBackupStep backup = new VolumeBackupStep(volumes, store, volumeNames, helperImages);
        return keep == null ? List.of(backup) : List.of(backup, new VolumeRetentionStep(store, backup::volumeNames, keep));
    }

    /** {@link #backupAll} of the named volumes of compose project or Swarm stack {@code project} (its label). */
    public static List<Step> backupProject(Volumes volumes, BackupStore store, String project) {
        return backupProject(volumes, store, project, null);
    }

    /** {@link #backupAll} of {@code project}'s volumes with {@code backups.keep-volumes} retention. */
    public static List<Step> backupProject(Volumes volumes, BackupStore store, String project, Integer keep) {
        return backupAll(volumes, store, () -> volumes.projectVolumes(project), keep);
    }

    /** {@link #backupProject(Volumes, BackupStore, String, Integer)} that pulls a missing helper image. */
    public static List<Step> backupProject(Volumes volumes, BackupStore store, String project, Integer keep,
                                           MissingImages helperImages) {
        return backupAll(volumes, store, () -> volumes.projectVolumes(project), keep, helperImages);
    }

    /** One {@code restore-volume-<volume>} step per entry, in the map's order: volume → archive. */
    public static List<Step> restore(Volumes volumes, BackupStore store, Map<String, Path> archives) {
        List<String> preRestoreBackups = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        archives.forEach((volume, archive) ->
            steps.add(new VolumeRestoreStep(volumes, store, volume, archive, preRestoreBackups)));
        return List.copyOf(steps);
    }
}
