package dev.rollback.adapters.docker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Swarm services, as a rollback needs them. Errors as in {@link Docker}: exit 4 when the daemon
 * is unreachable, exit 3 when a named service does not exist, exit 3 when this node is not a
 * swarm manager. Updates are logged.
 */
public interface Swarm {
    /** The services of a stack (label {@code com.docker.stack.namespace}), sorted by name. */
    List<SwarmService> stackServices(String stack);

    /** The service with this name or id, if it exists. */
    Optional<SwarmService> service(String nameOrId);

    /**
     * The host ports the service publishes, as its spec declares them (mode {@code host}: on each
     * node that runs a task; {@code ingress}: on every node), all interfaces; empty when the service
     * does not exist or publishes none.
     */
    List<HostPortBinding> publishedPorts(String nameOrId);

    /**
     * Points the service at another image (a local reference such as a protective tag), keeping
     * the rest of its spec; the Engine rolls tasks as the service's update config says. The same
     * reference as now forces new tasks, so that a local tag moved to another image takes effect.
     */
    void updateImage(String serviceId, String image);

    /**
     * The Engine's server-side rollback to the service's previous spec
     * ({@code POST /services/{id}/update?version=N&rollback=previous}). Swarm keeps one previous
     * spec and swaps it with the current one: a second call undoes the first, and after two quick
     * deploys "previous" is the middle one. Only for undoing the last change; to reach a known
     * release use {@link #updateImage}. Exit 3 when the service was never updated.
     */
    void rollbackToPrevious(String serviceId);

    /** Whether the service has a previous spec for {@link #rollbackToPrevious} (it was updated since created). */
    boolean hasPreviousSpec(String serviceId);

    /**
     * Waits until the service converged: its update (if any) completed, and as many tasks as
     * desired are running with the service's current image. Never throws on timeout. Returns
     * early, not converged, when Swarm paused the update or rollback, rolled an update back on its
     * own (failure action "rollback"), or the new tasks keep failing; the detail then names the
     * state and the last task error.
     */
    Convergence awaitConverged(String serviceId, Duration timeout);

    /**
     * Sets the replica count of a replicated service at its current version, keeping the rest of
     * its spec, and answers the count it had (nothing is written when it is the same). Scaling to
     * 0 and back to the answered count stops and restarts a service's tasks, e.g. while its
     * database is switched. Exit 3 for a service in global (or job) mode: it cannot be scaled.
     */
    int scale(String serviceId, int replicas);

    /**
     * Waits until exactly {@code replicas} tasks of the service are running (for 0: no task is
     * running or starting), whatever their image. Never throws on timeout: not converged, with
     * what was seen last and the last task error.
     */
    Convergence awaitScaled(String serviceId, int replicas, Duration timeout);

    /**
     * A Swarm service.
     *
     * @param image        the image of the spec, as written (may carry an {@code @sha256:} digest)
     * @param imageId      the image ID a running task uses, null when none runs or it cannot be read here:
     *                     a task on another node is known by the registry digest it was pinned to,
     *                     so only an image with a digest that this node has answers
     * @param version      the spec version (needed for updates)
     * @param updateState  UpdateStatus.State (updating, completed, paused, rollback_started, ...), or null
     * @param lastTaskError the newest error a task reported ("task: non-zero exit (1)", "No such image: ..."),
     *                      or null: why the service does not run, for the report
     */
    record SwarmService(String id, String name, String image, String imageId, long version, int replicas,
                        int runningTasks, String updateState, String lastTaskError) {
    }

    /** Outcome of {@link #awaitConverged} and {@link #awaitScaled}: what was seen last, and how long it took. */
    record Convergence(boolean converged, String detail, Duration took) {
    }
}
