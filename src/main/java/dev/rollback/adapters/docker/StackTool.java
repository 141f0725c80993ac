package dev.rollback.adapters.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's tool for the stack files in the working directory, applied to the stack as a
 * whole: {@code docker compose} for a compose project ({@link Compose}), {@code docker stack} for
 * a Swarm stack ({@link SwarmStackCli}). What the recreate strategy and level 4 need: what the files
 * declare, take the stack down, provision it without starting, and deploy it. Failures throw
 * {@code RollbackException} (exit 1) with the tool's last error line.
 */
public interface StackTool {
    /** "docker compose", "docker-compose" or "docker stack", for messages and reports. */
    String implementation();

    /** Per service, the image reference the files declare (services that build have none). */
    Map<String, String> images();

    /** Service names the files declare. */
    List<String> services();

    /** The named volumes the files declare, as Docker names them; external volumes are left out. */
    List<String> volumes();

    /**
     * Removes the stack's containers (services) and networks, never volumes, also those of services
     * the files no longer name; returns once they are gone.
     */
    void down();

    /**
     * Provisions what the files declare without starting any of it where the tool can (networks,
     * volumes, containers), so volumes can be refilled before a database starts on them. Never
     * builds or pulls.
     */
    void create();

    /** Deploys everything the files declare, replacing what runs; never builds. */
    void deploy();

    /**
     * Whether {@link #update} can bring a running stack to the files while recreating only the
     * services named; when false, callers take the stack {@link #down} and {@link #deploy} it.
     */
    default boolean updatesOnlyChanged() {
        return false;
    }

    /**
     * Per service, the hash of its definition in the files as the tool stamps it on the containers
     * it creates ({@code com.docker.compose.config-hash}); empty when the tool cannot print it.
     */
    default Optional<Map<String, String>> configHashes() {
        return Optional.empty();
    }

    /**
     * Brings the running stack to what the files declare, only where {@link #updatesOnlyChanged}:
     * recreates exactly the services named (without touching the services they depend on or that
     * depend on them), or, when none is named, lets the tool decide which changed; removes the
     * containers of services the files no longer name. Never builds or pulls.
     */
    default void update(List<String> services) {
        throw new UnsupportedOperationException(implementation() + " cannot update only what changed");
    }

    /**
     * The same tool for another project's files (blue-green's {@code <stack>-green} and its derived
     * file); a tool bound to its one project refuses.
     */
    default StackTool forProject(ComposeProject project) {
        throw new UnsupportedOperationException(implementation() + " here is bound to one project");
    }
}
