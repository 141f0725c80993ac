package dev.rollback.adapters.docker;

import java.nio.file.Path;
import java.util.List;

/**
 * Named volumes, archived and refilled through a short-lived helper container as the strategies document does
 * ({@code docker run --rm -v VOLUME:/data -v DIR:/backup alpine tar czf ...}). Archives are
 * gzip'd tars whose entries start with {@code data/}. Failures throw {@code RollbackException}:
 * a missing volume or helper image is exit 3, an unreachable daemon exit 4, a failed helper exit 1.
 */
public interface Volumes {
    /**
     * The named volumes on this daemon that compose created for a project (label
     * {@code com.docker.compose.project}) or {@code docker stack deploy} for a Swarm stack (label
     * {@code com.docker.stack.namespace}) of that name, sorted.
     */
    List<String> projectVolumes(String project);

    boolean exists(String volume);

    /**
     * Refuses (exit 3) when the helper image is not present locally; this adapter never pulls it (a
     * step that may pull it does so through the Docker adapter first, see {@link #helperImage()}). Steps call
     * it in their check, so a missing image stops a run before anything changed. The default is
     * for in-memory fakes, which need no image.
     */
    default void requireHelperImage() {
    }

    /**
     * The helper containers' image ({@code docker.helper-image}), so a step that may pull it can do
     * so through the Docker adapter before it is needed; null for fakes that need none.
     */
    default String helperImage() {
        return null;
    }

    /**
     * Running containers that mount the volume, sorted: a volume is not refilled under a running
     * database. The default is for in-memory fakes, whose volumes nobody mounts.
     */
    default List<String> runningContainersUsing(String volume) {
        return List.of();
    }

    /**
     * Writes a tar.gz of the volume's content to {@code archive} (a file that does not exist yet,
     * in a directory of this host); the volume is mounted read-only. On failure nothing is left at
     * {@code archive}.
     *
     * @return the paths (as archived, {@code data/...}) that a running service changed or removed
     *         while they were read; empty when the volume held still
     */
    List<String> archive(String volume, Path archive);

    /** Empties the volume and extracts {@code archive} (made by {@link #archive}) into it. */
    void refill(String volume, Path archive);
}
