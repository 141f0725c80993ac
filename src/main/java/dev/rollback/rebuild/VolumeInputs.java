package dev.rollback.rebuild;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.docker.Volumes;
import dev.rollback.backup.BackupStore;

/**
 * Which named volumes level 4 refills from their archives ({@code <backups.dir>/<volume>_YYYYMMDD_HHMMSS.tar.gz}).
 *
 * @param files the stack files, whose declared volumes are the candidates (as Docker names them:
 *              {@code <project>_<key>} for compose and Swarm alike)
 * @param mode  {@link Mode#MISSING} (default): only volumes that did not exist before the rebuild
 *              (removed, or a new machine), which would otherwise start empty; {@link Mode#LATEST}: every
 *              volume that has an archive, replacing what it holds (after a fresh backup of it);
 *              {@link Mode#NONE}: none
 */
public record VolumeInputs(Volumes volumes, StackTool files, BackupStore store, Mode mode) {
    /** {@code --restore-volumes}. */
    public enum Mode { MISSING, LATEST, NONE }
}
