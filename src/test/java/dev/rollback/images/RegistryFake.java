package dev.rollback.images;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.ExecResult;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory Docker host beside an in-memory registry: images by reference (and by ID) on the
 * host, images by reference in the registry; {@link #pull} copies one over. Only image calls work.
 */
public final class RegistryFake implements Docker {
    private final Map<String, String> host = new LinkedHashMap<>();
    private final Map<String, String> registry = new LinkedHashMap<>();
    private final List<String> pulls = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private RollbackException registryFailure;

    /** An image on the host under {@code reference}. */
    public RegistryFake local(String reference, String imageId) {
        host.put(reference, imageId);
        return this;
    }

    /** An image in the registry under {@code reference} (a tag or a digest reference). */
    public RegistryFake remote(String reference, String imageId) {
        registry.put(reference, imageId);
        return this;
    }

    /** Every pull fails with this from now on (an unreachable registry). */
    public RegistryFake failPulls(RollbackException failure) {
        registryFailure = failure;
        return this;
    }

    public List<String> pulls() {
        return pulls;
    }

    /** {@code repository:tag → imageId} for every {@link #tag} call. */
    public List<String> tags() {
        return tags;
    }

    @Override
    public Optional<String> imageId(String reference) {
        if (host.containsKey(reference)) {
            return Optional.of(host.get(reference));
        }
        return host.containsValue(reference) ? Optional.of(reference) : Optional.empty();
    }

    @Override
    public List<String> repoDigests(String imageId) {
        return host.entrySet().stream().filter(e -> e.getValue().equals(imageId) && e.getKey().contains("@"))
            .map(Map.Entry::getKey).toList();
    }

    @Override
    public void pull(String reference, Duration timeout) {
        pulls.add(reference);
        if (registryFailure != null) {
            throw registryFailure;
        }
        String id = registry.get(reference);
        if (id == null) {
            throw RollbackException.refused("cannot pull " + reference + ": its registry has no such image");
        }
        host.put(reference, id);
    }

    @Override
    public void tag(String imageId, String repository, String tag) {
        tags.add(repository + ":" + tag + " → " + imageId);
        host.put(repository + ":" + tag, imageId);
    }

    @Override
    public String endpoint() {
        return "fake://docker";
    }

    @Override
    public void ping() {
    }

    @Override
    public List<ContainerInfo> projectContainers(String project) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ContainerInfo> serviceTaskContainers(String swarmService) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ContainerInfo> container(String nameOrId) {
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
    public List<String> logTail(String containerId, int lines, Instant since) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Map<String, String> env, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeTag(String reference) {
        throw new UnsupportedOperationException();
    }
}
