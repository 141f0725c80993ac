package dev.rollback.adapters.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The database server's data directory as Docker holds it, for a point-in-time restore: which named volume the live
 * container keeps {@code PGDATA} in, a scratch server of the same image on a new volume, and the exchange of the two
 * volumes' contents. Failures throw {@code RollbackException}: a precondition (no such container, a volume this
 * cannot exchange) exit 3, a failed command exit 1.
 */
public interface DatabaseData {
    /** Labels on everything a point-in-time restore creates, so leftovers can be found and removed. */
    String LABEL = "dev.rollback.pitr";
    /** On a restore's volume: the live volume it was restored for. */
    String LIVE_LABEL = "dev.rollback.pitr.live";

    /**
     * Where the live database keeps its data.
     *
     * @param volumeRoot  the directory holding every local volume on the daemon's host (the parent of
     *                    {@code <volume>/_data}): renames inside it are constant-time
     * @param destination where the volume is mounted in the container
     * @param pgdata      the data directory in the container (the {@code PGDATA} variable, or the image's default)
     */
    record LiveData(String container, String image, String volume, String driver, String volumeRoot,
                    String destination, String pgdata, boolean running) {
    }

    /** The live database container's data; refused (exit 3) when the container or a volume under PGDATA is missing. */
    LiveData inspect(String container);

    /** Whether the volume is the local driver's plain directory (no device or NFS options): what the exchange needs. */
    String unsupportedReason(String volume);

    void createVolume(String name, Map<String, String> labels);

    void removeVolume(String name);

    /** Volume names carrying {@code label=value}, sorted. */
    List<String> volumesLabelled(String label, String value);

    /** Containers (any state) carrying {@code label=value}. */
    List<String> containersLabelled(String label, String value);

    /**
     * Fills {@code volume} with the base backup in {@code baseDir} and the WAL {@code segments} from
     * {@code walDir} (the {@code partial} one from its {@code .partial} file), owned by the image's postgres user,
     * with {@code recovery.signal}: a helper container of the live image, both directories mounted read-only.
     */
    void prepare(LiveData live, String volume, Path baseDir, Path walDir, List<String> segments, String partial,
                 Duration timeout);

    /** Starts a server of the live image on {@code volume}, without network, with {@code settings} as -c options. */
    void startServer(String name, LiveData live, String volume, List<String> settings, Map<String, String> labels);

    /** What a scratch server is doing. */
    enum ServerState { STARTING, RECOVERING, PROMOTED, EXITED }

    ServerState serverState(String name, String user, String database);

    /** One value from {@code sql} run by psql inside the container, over its local socket. */
    String query(String container, String user, String database, String sql);

    List<String> logTail(String container, int lines);

    void removeContainer(String name);

    /**
     * Removes what a killed run left: a scratch server at once, a helper that never started at once, a helper still
     * running (an exchange the killed run began) only once it has finished, so an exchange is never cut midway.
     */
    void removeLeftover(String name);

    /** Stops a PostgreSQL container with its fast shutdown, waiting at most {@code timeout}. */
    void stop(String container, Duration timeout);

    void start(String container);

    /**
     * Exchanges the contents of the two volumes by renaming their data directories inside the volume root, in one
     * helper container, so it completes even when the tool is killed meanwhile; a rerun after a daemon crash
     * finishes an interrupted exchange (it moves forward only).
     */
    void exchange(LiveData live, String other, Duration timeout);
}
