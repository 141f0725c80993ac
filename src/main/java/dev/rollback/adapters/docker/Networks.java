package dev.rollback.adapters.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Docker networks, as blue-green needs them: containers attached to networks, their addresses, and
 * a look at the network from inside a container. Failures throw {@code RollbackException} (exit 4
 * when the daemon is unreachable); attaching is logged, and attaching what is attached succeeds.
 */
public interface Networks {
    /** Attaches a container (created or running) with these DNS aliases; nothing when it is attached. */
    void connect(String network, String container, List<String> aliases);

    /** Network name → the container's IPv4 address on it (empty until a created container starts). */
    Map<String, String> addresses(String container);

    /**
     * The host ports the container publishes, as it was created (running or stopped); ports left
     * for Docker to choose are listed only while it runs. Exit 3 when the container does not exist.
     */
    List<HostPortBinding> publishedPorts(String container);

    /**
     * Runs {@code command} in a short-lived container of {@code image} that shares the network
     * namespace of {@code container}, so it reaches exactly what that container reaches, by the
     * same names. The helper is removed afterwards; its output is in the result.
     */
    ExecResult runInNetworkOf(String container, String image, List<String> command, Duration timeout);
}
