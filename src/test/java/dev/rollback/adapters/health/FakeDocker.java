package dev.rollback.adapters.health;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.ExecResult;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory Docker holding containers by name; only the lookups the health checks use work. */
final class FakeDocker implements Docker {
    private final Map<String, ContainerInfo> containers = new ConcurrentHashMap<>();
    private volatile RollbackException failure;

    /** Adds or replaces (as a recreate would) the container with this name. */
    FakeDocker put(ContainerInfo container) {
        containers.put(container.name(), container);
        return this;
    }

    FakeDocker remove(String name) {
        containers.remove(name);
        return this;
    }

    /** Every lookup throws this from now on, like an unreachable daemon. */
    FakeDocker failWith(RollbackException failure) {
        this.failure = failure;
        return this;
    }

    static ContainerInfo container(String name, String service, String state, String health, Integer exitCode) {
        return new ContainerInfo("id-" + name + "-" + System.nanoTime(), name, "merq", service,
            "merq/" + service + ":1", "sha256:abc", state, health, exitCode, null);
    }

    @Override
    public String endpoint() {
        return "fake://docker";
    }

    @Override
    public List<ContainerInfo> projectContainers(String project) {
        failIfAsked();
        return containers.values().stream()
            .filter(container -> project.equals(container.project()))
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    }

    @Override
    public List<ContainerInfo> serviceTaskContainers(String swarmService) {
        failIfAsked();
        return containers.values().stream()
            .filter(container -> swarmService.equals(container.service()))
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    }

    @Override
    public Optional<ContainerInfo> container(String nameOrId) {
        failIfAsked();
        return containers.values().stream()
            .filter(container -> container.name().equals(nameOrId) || container.id().equals(nameOrId))
            .findFirst();
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void ping() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start(String containerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> logTail(String containerId, int lines, java.time.Instant since) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Map<String, String> env, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> imageId(String reference) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> repoDigests(String imageId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pull(String reference, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void tag(String imageId, String repository, String tag) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeTag(String reference) {
        throw new UnsupportedOperationException();
    }
}
