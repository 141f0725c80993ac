package dev.rollback.adapters.docker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker Engine, as this tool needs it. Every method throws {@code RollbackException} with
 * exit 4 (naming the endpoint) when the daemon cannot be reached, and exit 3 when a named
 * container or image does not exist. Destructive calls are logged.
 */
public interface Docker {
    /** The endpoint in use, e.g. {@code unix:///var/run/docker.sock}, for messages. */
    String endpoint();

    /** Fails fast (within 5 s) with exit 4 when the daemon does not answer. */
    void ping();

    /** Containers of a compose project or stack (label {@code com.docker.compose.project}), running or not. */
    List<ContainerInfo> projectContainers(String project);

    /**
     * Containers of one service of a compose project (labels {@code com.docker.compose.project} and
     * {@code com.docker.compose.service}), running or not. The health gate reads these every round,
     * so the engine is asked for this service's containers only, not the whole project's.
     */
    default List<ContainerInfo> projectServiceContainers(String project, String service) {
        return projectContainers(project).stream().filter(container -> service.equals(container.service())).toList();
    }

    /**
     * Containers of a Swarm service's tasks on this node (label {@code com.docker.swarm.service.name},
     * e.g. {@code shop_backend}), running or not: Swarm replaces a failed or updated task by a new
     * container and keeps the old one stopped, so there may be several.
     */
    List<ContainerInfo> serviceTaskContainers(String swarmService);

    /** The container with this name or id, if it exists. */
    Optional<ContainerInfo> container(String nameOrId);

    void stop(String containerId, Duration timeout);

    void start(String containerId);

    /** The last {@code lines} lines of the container's stdout and stderr, oldest first. */
    default List<String> logTail(String containerId, int lines) {
        return logTail(containerId, lines, null);
    }

    /** As {@link #logTail(String, int)}, only lines logged at or after {@code since} (null: no limit). */
    List<String> logTail(String containerId, int lines, Instant since);

    /** Runs a command in a running container; env values travel in the API call, not in argv. */
    ExecResult exec(String containerId, List<String> command, Map<String, String> env, Duration timeout);

    /** The image ID ({@code sha256:…}) a reference points to, if the image is present locally. */
    Optional<String> imageId(String reference);

    /**
     * The registry digests of a local image ({@code RepoDigests}: {@code repository@sha256:…}), by
     * which it can be pulled back after it was pruned; empty when it never came from or went to a
     * registry, or is not here.
     */
    List<String> repoDigests(String imageId);

    /**
     * Pulls {@code reference} ({@code repository:tag} or {@code repository@sha256:…}) from its
     * registry, giving up after {@code timeout}. Exit 4 when the registry cannot be reached (or the
     * pull does not finish in time), exit 3 when the registry has no such image or refuses access;
     * the message names the image.
     */
    void pull(String reference, Duration timeout);

    /** Tags an image: {@code repository:tag} → the given image ID. */
    void tag(String imageId, String repository, String tag);

    /** Removes a tag (not the image layers while other tags point at it). */
    void removeTag(String reference);
}
