package dev.rollback.adapters.docker;

import java.nio.file.Path;
import java.util.List;

/**
 * Named volumes, archived and refilled through a short-lived helper container as the seed does
 * ({@code docker run --rm -v VOLUME:/data -v DIR:/backup alpine tar czf ...}). Archives are
 * gzip'd tars whose entries start with {@code data/}. Failures throw {@code RollbackException}.
 */
public interface Volumes {
    /** The named volumes compose created for a project (label {@code com.docker.compose.project}), sorted. */
    List<String> projectVolumes(String project);

    boolean exists(String volume);

    /**
     * Writes a tar.gz of the volume's content to {@code archive} (a file that does not exist yet,
     * in a directory of this host); the volume is mounted read-only.
     */
    void archive(String volume, Path archive);

    /** Empties the volume and extracts {@code archive} (made by {@link #archive}) into it. */
    void refill(String volume, Path archive);
}
