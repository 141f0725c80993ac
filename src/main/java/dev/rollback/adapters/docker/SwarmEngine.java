package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.ServiceJson.imageOf;
import static dev.rollback.adapters.docker.ServiceJson.nameOf;
import static dev.rollback.adapters.docker.ServiceJson.shortId;
import static dev.rollback.adapters.docker.ServiceJson.updatePath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Swarm} over the Engine API, on the client of a {@link DockerEngine} (see
 * {@link DockerEngine#swarm()}). Reads use docker-java; writes send the daemon's own spec JSON
 * back through {@link RawEngineApi}, so no setting docker-java does not model is lost.
 */
public final class SwarmEngine implements Swarm {
    static final String STACK_LABEL = "com.docker.stack.namespace";
    private static final Logger LOG = LoggerFactory.getLogger(SwarmEngine.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** Swarm's own rule for service names; IDs are lowercase alphanumerics and match it too. */
    private static final Pattern SERVICE_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");

    private final DockerClient client;
    private final DockerErrors errors;
    private final RawEngineApi api;

    SwarmEngine(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
        this.api = new RawEngineApi(RawEngineApi.transportOf(client), errors);
    }

    @Override
    public List<SwarmService> stackServices(String stack) {
        Objects.requireNonNull(stack, "stack");
        List<Service> services = errors.call("list services of", "stack " + stack, () ->
            client.listServicesCmd().withLabelFilter(Map.of(STACK_LABEL, stack)).exec());
        return services.stream().map(this::describe)
            .sorted(Comparator.comparing(SwarmService::name)).toList();
    }

    @Override
    public Optional<SwarmService> service(String nameOrId) {
        return inspect(nameOrId).map(this::describe);
    }

    @Override
    public List<HostPortBinding> publishedPorts(String nameOrId) {
        return inspect(nameOrId).map(service -> service.getSpec().getEndpointSpec())
            .map(endpoint -> endpoint.getPorts() == null ? List.<HostPortBinding>of() : endpoint.getPorts().stream()
                .filter(port -> port.getPublishedPort() > 0)
                .map(port -> new HostPortBinding("", port.getPublishedPort(), port.getTargetPort(),
                    port.getProtocol() == null ? "tcp" : port.getProtocol().name().toLowerCase(java.util.Locale.ROOT)))
                .toList())
            .orElse(List.of());
    }

    @Override
    public void updateImage(String serviceId, String image) {
        if (image == null || image.isBlank()) {
            throw RollbackException.usage("updating service " + serviceId + " needs an image reference");
        }
        JsonNode service = rawService(serviceId);
        ObjectNode spec = service.path("Spec").deepCopy();
        ObjectNode template = spec.withObjectProperty("TaskTemplate");
        ObjectNode container = template.withObjectProperty("ContainerSpec");
        String current = container.path("Image").asText();
        container.put("Image", image);
        if (current.equals(image)) {
            // Same reference: Swarm sees no change and would keep the old containers, although the
            // local tag may now point at another image. Force new tasks, as `service update --force`.
            template.put("ForceUpdate", template.path("ForceUpdate").asLong() + 1);
        }
        LOG.info("updating Swarm service {} ({}): image {} -> {}{}", nameOf(service), shortId(service), current,
            image, current.equals(image) ? " (same reference: forcing new tasks)" : "");
        JsonNode answer = api.post(updatePath(service, ""), spec, "update", "service " + serviceId);
        answer.path("Warnings").forEach(w -> LOG.warn("service {}: {}", nameOf(service), w.asText()));
    }

    @Override
    public void rollbackToPrevious(String serviceId) {
        JsonNode service = rawService(serviceId);
        JsonNode previous = service.path("PreviousSpec");
        if (previous.isMissingNode() || previous.isNull()) {
            throw RollbackException.refused("service " + serviceId + " has no previous spec to roll back to (it was"
                + " never updated); roll back to a recorded release instead");
        }
        LOG.info("rolling back Swarm service {} ({}) to its previous spec: image {} -> {}", nameOf(service),
            shortId(service), imageOf(service.path("Spec")), imageOf(previous));
        // The docker CLI sends the current spec as the body; the Engine replaces it with PreviousSpec.
        api.post(updatePath(service, "&rollback=previous"), service.path("Spec"), "roll back",
            "service " + serviceId);
    }

    @Override
    public boolean hasPreviousSpec(String serviceId) {
        JsonNode previous = rawService(serviceId).path("PreviousSpec");
        return !previous.isMissingNode() && !previous.isNull();
    }

    @Override
    public Convergence awaitConverged(String serviceId, Duration timeout) {
        long start = System.nanoTime();
        Boolean startedInRollback = null;
        while (true) {
            Service service = inspect(serviceId).orElseThrow(() -> errors.notFound("service " + serviceId, null));
            ServiceProgress progress = ServiceProgress.of(service, tasks(service.getId()));
            if (startedInRollback == null) {
                // Decided on the first look: a rollback that appears later is Swarm's own, undoing an update.
                startedInRollback = progress.rollingBack();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Optional<String> failure = progress.failure(startedInRollback);
            if (failure.isPresent()) {
                return new Convergence(false, failure.get(), took);
            }
            if (progress.converged()) {
                return new Convergence(true, progress.summary(), took);
            }
            if (took.compareTo(timeout) >= 0) {
                String error = progress.lastTaskError().map(e -> "; last task error: " + e).orElse("");
                return new Convergence(false, "not converged within " + timeout.toSeconds() + "s: "
                    + progress.summary() + error, took);
            }
            pause(POLL_INTERVAL.compareTo(timeout.minus(took)) < 0 ? POLL_INTERVAL : timeout.minus(took));
        }
    }

    @Override
    public int scale(String serviceId, int replicas) {
        if (replicas < 0) {
            throw RollbackException.usage("cannot scale service " + serviceId + " to " + replicas + " replicas");
        }
        JsonNode service = rawService(serviceId);
        int previous = ServiceJson.replicas(service);
        if (previous == replicas) {
            LOG.info("Swarm service {} ({}) already has {} replicas", nameOf(service), shortId(service), replicas);
            return previous;
        }
        LOG.info("scaling Swarm service {} ({}): {} -> {} replicas", nameOf(service), shortId(service), previous,
            replicas);
        JsonNode answer = api.post(updatePath(service, ""), ServiceJson.withReplicas(service, replicas), "scale",
            "service " + serviceId);
        answer.path("Warnings").forEach(w -> LOG.warn("service {}: {}", nameOf(service), w.asText()));
        return previous;
    }

    @Override
    public Convergence awaitScaled(String serviceId, int replicas, Duration timeout) {
        long start = System.nanoTime();
        Service service = inspect(serviceId).orElseThrow(() -> errors.notFound("service " + serviceId, null));
        while (true) {
            List<Task> tasks = tasks(service.getId());
            long running = countIn(tasks, TaskState.RUNNING);
            long starting = countIn(tasks, TaskState.STARTING);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String seen = running + " task(s) running, " + starting + " starting";
            if (running == replicas && (replicas > 0 || starting == 0)) {
                return new Convergence(true, seen, took);
            }
            if (took.compareTo(timeout) >= 0) {
                String error = ServiceProgress.of(service, tasks).lastTaskError()
                    .map(e -> "; last task error: " + e).orElse("");
                return new Convergence(false, "not scaled to " + replicas + " within " + timeout.toSeconds() + "s: "
                    + seen + error, took);
            }
            pause(POLL_INTERVAL.compareTo(timeout.minus(took)) < 0 ? POLL_INTERVAL : timeout.minus(took));
        }
    }

    private SwarmService describe(Service service) {
        ServiceProgress progress = ServiceProgress.of(service, tasks(service.getId()));
        long version = service.getVersion() == null || service.getVersion().getIndex() == null ? 0
            : service.getVersion().getIndex();
        return new SwarmService(service.getId(), service.getSpec().getName(), progress.image(),
            runningImageId(progress), version, progress.desiredReplicas(), progress.runningTasks(),
            progress.updateState(), progress.lastTaskError().orElse(null));
    }

    /**
     * The image ID of a running task: its container's, when the task runs on this node; else the
     * image this node has under the registry digest the task was pinned to (a task on another node,
     * whose container only that node's engine can inspect). Null when neither answers: nothing
     * runs, or tasks elsewhere run an image without a digest, or one this node does not have.
     */
    private String runningImageId(ServiceProgress progress) {
        for (String containerId : progress.runningContainerIds()) {
            Optional<String> imageId = errors.call("inspect", "container " + containerId, () -> {
                try {
                    return Optional.ofNullable(client.inspectContainerCmd(containerId).exec().getImageId());
                } catch (NotFoundException e) {
                    return Optional.<String>empty(); // on another node, or removed since the task list
                }
            });
            if (imageId.isPresent()) {
                return imageId.get();
            }
        }
        for (String digest : progress.runningDigests()) {
            Optional<String> imageId = errors.call("inspect", "image " + digest, () -> {
                try {
                    return Optional.ofNullable(client.inspectImageCmd(digest).exec().getId());
                } catch (NotFoundException e) {
                    return Optional.<String>empty(); // never pulled to (or pushed from) this node
                }
            });
            if (imageId.isPresent()) {
                return imageId.get();
            }
        }
        return null;
    }

    private Optional<Service> inspect(String nameOrId) {
        requireServiceRef(nameOrId);
        return errors.call("inspect", "service " + nameOrId, () -> {
            try {
                return Optional.of(client.inspectServiceCmd(nameOrId).exec());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static long countIn(List<Task> tasks, TaskState state) {
        return tasks.stream().filter(t -> t.getStatus() != null && t.getStatus().getState() == state).count();
    }

    private List<Task> tasks(String serviceId) {
        return errors.call("list tasks of", "service " + serviceId, () ->
            client.listTasksCmd().withServiceFilter(serviceId).exec());
    }

    /** The daemon's JSON of the service: spec, version and previous spec exactly as stored. */
    private JsonNode rawService(String nameOrId) {
        requireServiceRef(nameOrId);
        return api.get("/services/" + nameOrId, "inspect", "service " + nameOrId);
    }

    /** Names go into URL paths: anything Swarm would not accept as a name cannot exist there. */
    private static void requireServiceRef(String nameOrId) {
        if (nameOrId == null || !SERVICE_REF.matcher(nameOrId).matches()) {
            throw RollbackException.usage("'" + nameOrId + "' is not a valid Swarm service name or ID");
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "waiting for the Swarm service was interrupted", e);
        }
    }
}
