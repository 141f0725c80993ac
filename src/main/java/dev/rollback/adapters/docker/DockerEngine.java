package dev.rollback.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Docker} over the Engine API with docker-java. Every docker-java exception is translated
 * by {@link DockerErrors}; destructive calls (stop, start, tag, removeTag) are logged at INFO.
 */
public final class DockerEngine implements Docker, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);
    /** ping gives up after this, so connect() fails within 5 s even against a wedged daemon. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(4);
    /** After the exec stream closes, the daemon may need a moment to record the exit code. */
    private static final Duration EXEC_EXIT_WAIT = Duration.ofSeconds(5);

    private final String endpoint;
    private final DockerClient client;
    private final DockerErrors errors;
    private final EngineTimeouts timeouts;

    private DockerEngine(String endpoint, DockerClient client, EngineTimeouts timeouts) {
        this.endpoint = endpoint;
        this.client = client;
        this.errors = new DockerErrors(endpoint);
        this.timeouts = timeouts;
    }

    /**
     * Connects and pings, so a wrong endpoint fails here (exit 4, within 5 s) rather than halfway
     * through a rollback. {@code host} null or blank: {@code $DOCKER_HOST}, else the local socket.
     */
    public static DockerEngine connect(String host) {
        DockerEngine engine = open(host);
        try {
            engine.ping();
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Builds the client without talking to the daemon. */
    public static DockerEngine open(String host) {
        return open(host, EngineTimeouts.current());
    }

    /** As {@link #open(String)} with other bounds per call (tests). */
    static DockerEngine open(String host, EngineTimeouts timeouts) {
        String endpoint = DockerClients.resolveHost(host, System.getenv());
        return new DockerEngine(endpoint, DockerClients.create(endpoint, timeouts), timeouts);
    }

    /** Swarm services on the same daemon, through this engine's client: closing this closes both. */
    public Swarm swarm() {
        return new SwarmEngine(client, errors);
    }

    /**
     * Named volumes on the same daemon through helper containers of {@code helperImage}, with the
     * default timeout per helper; closing this closes both.
     */
    public Volumes volumes(String helperImage) {
        return volumes(helperImage, DockerVolumes.DEFAULT_TIMEOUT);
    }

    /** As {@link #volumes(String)} with another timeout per helper container (tests). */
    Volumes volumes(String helperImage, Duration helperTimeout) {
        return new DockerVolumes(client, errors, helperImage, helperTimeout);
    }

    /** Networks of the same daemon, through this engine's client: closing this closes both. */
    public Networks networks() {
        return new DockerNetworks(client, errors, this);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void ping() {
        // A wedged (or SIGSTOPped) daemon accepts the connection and never answers. The transport
        // would give up after the read bound; a ping, asked first, gives up sooner.
        CompletableFuture<Void> answer =
            CompletableFuture.runAsync(() -> client.pingCmd().exec(), DockerEngine::daemonThread);
        errors.call("ping", "the Docker daemon", () -> {
            try {
                return answer.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // Any failure here, even an HTTP 404 from something that is not dockerd, means
                // there is no usable daemon at this endpoint.
                throw errors.unreachable(e.getCause());
            } catch (TimeoutException e) {
                answer.cancel(true);
                throw errors.unreachable(new IOException("no answer within " + PING_TIMEOUT.toSeconds() + "s", e));
            }
        });
    }

    /** Not the common pool: a ping stuck on a wedged daemon must not block anyone else's tasks. */
    private static void daemonThread(Runnable task) {
        Thread thread = new Thread(task, "docker-ping");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<ContainerInfo> projectContainers(String project) {
        Objects.requireNonNull(project, "project");
        return labelled(Map.of(ContainerInfos.PROJECT_LABEL, project), "project " + project);
    }

    @Override
    public List<ContainerInfo> projectServiceContainers(String project, String service) {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(service, "service");
        return labelled(Map.of(ContainerInfos.PROJECT_LABEL, project, ContainerInfos.SERVICE_LABEL, service),
            "service " + service + " of project " + project);
    }

    @Override
    public List<ContainerInfo> serviceTaskContainers(String swarmService) {
        Objects.requireNonNull(swarmService, "swarmService");
        return labelled(Map.of(ContainerInfos.SWARM_SERVICE_LABEL, swarmService), "Swarm service " + swarmService);
    }

    /** Every container carrying all of {@code labels}, inspected, sorted by service then name. */
    private List<ContainerInfo> labelled(Map<String, String> labels, String what) {
        List<String> ids = errors.call("list containers of", what, () ->
            client.listContainersCmd().withShowAll(true)
                .withLabelFilter(labels).exec()
                .stream().map(c -> c.getId()).toList());
        // The list has no structured health; inspect each (a handful per project).
        List<ContainerInfo> containers = new ArrayList<>();
        for (String id : ids) {
            container(id).ifPresent(containers::add); // absent: removed between list and inspect
        }
        containers.sort(Comparator.comparing((ContainerInfo c) -> Objects.toString(c.service(), ""))
            .thenComparing(ContainerInfo::name));
        return List.copyOf(containers);
    }

    @Override
    public Optional<ContainerInfo> container(String nameOrId) {
        return errors.call("inspect", "container " + nameOrId, () -> {
            try {
                return Optional.of(ContainerInfos.from(client.inspectContainerCmd(nameOrId).exec()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        ContainerInfo container = existing(containerId);
        LOG.info("stopping container {} ({}), grace period {}s", container.name(), container.shortId(),
            timeout.toSeconds());
        errors.call("stop", "container " + container.name(), () -> {
            try {
                client.stopContainerCmd(container.id()).withTimeout(Math.toIntExact(timeout.toSeconds())).exec();
            } catch (NotModifiedException e) {
                LOG.info("container {} was already stopped", container.name());
            }
            return null;
        });
    }

    @Override
    public void start(String containerId) {
        ContainerInfo container = existing(containerId);
        LOG.info("starting container {} ({})", container.name(), container.shortId());
        errors.call("start", "container " + container.name(), () -> {
            try {
                client.startContainerCmd(container.id()).exec();
            } catch (NotModifiedException e) {
                LOG.info("container {} was already running", container.name());
            }
            return null;
        });
    }

    /** Resolved first so that the log names the container even when called with an ID. */
    private ContainerInfo existing(String nameOrId) {
        return container(nameOrId).orElseThrow(() -> errors.notFound("container " + nameOrId, null));
    }

    @Override
    public List<String> logTail(String containerId, int lines, Instant since) {
        return errors.call("read logs of", "container " + containerId, () -> {
            var command = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines);
            if (since != null) {
                command.withSince((int) since.getEpochSecond());
            }
            FrameLines collector = command.exec(new FrameLines());
            try (collector) {
                if (!collector.finishedWithin(timeouts.logs())) {
                    // A tail of a few hundred lines: a log stream that does not end is a stalled daemon.
                    throw errors.stalled("read logs of container " + containerId, timeouts.logs(),
                        "the log stream did not end", null);
                }
            }
            return collector.tail(lines);
        });
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Map<String, String> env, Duration timeout) {
        String program = command.isEmpty() ? "" : command.get(0);
        LOG.debug("exec {} in container {}", program, containerId); // argv only: env may hold secrets
        return errors.call("exec " + program + " in", "container " + containerId, () -> {
            String execId = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ExecOutput output = client.execStartCmd(execId).exec(new ExecOutput());
            try (output) {
                if (!output.finishedWithin(timeout)) {
                    // The Engine API cannot kill an exec: say so rather than pretend it stopped.
                    throw RollbackException.failed(program + " in container " + containerId + " did not finish within "
                        + timeout.toSeconds() + "s; it may still be running inside the container");
                }
            }
            return new ExecResult(exitCode(execId), output.stdout(), output.stderr());
        });
    }

    private long exitCode(String execId) throws InterruptedException {
        long deadline = System.nanoTime() + EXEC_EXIT_WAIT.toNanos();
        InspectExecResponse exec = client.inspectExecCmd(execId).exec();
        while (Boolean.TRUE.equals(exec.isRunning()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            exec = client.inspectExecCmd(execId).exec();
        }
        if (exec.getExitCodeLong() == null) {
            throw RollbackException.failed("exec " + execId + " ended without an exit code");
        }
        return exec.getExitCodeLong();
    }

    @Override
    public Optional<String> imageId(String reference) {
        return errors.call("inspect", "image " + reference, () -> {
            try {
                return Optional.of(client.inspectImageCmd(reference).exec().getId());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<String> repoDigests(String imageId) {
        return errors.call("inspect", "image " + imageId, () -> {
            try {
                List<String> digests = client.inspectImageCmd(imageId).exec().getRepoDigests();
                return digests == null ? List.<String>of() : List.copyOf(digests);
            } catch (NotFoundException e) {
                return List.<String>of();
            }
        });
    }

    @Override
    public void pull(String reference, Duration timeout) {
        new ImagePull(client, errors).pull(reference, timeout);
    }

    @Override
    public void tag(String imageId, String repository, String tag) {
        LOG.info("tagging image {} as {}:{}", imageId, repository, tag);
        errors.call("tag", "image " + imageId, () -> client.tagImageCmd(imageId, repository, tag).exec());
    }

    @Override
    public void removeTag(String reference) {
        requireTaggedReference(reference);
        LOG.info("removing tag {}", reference);
        // Without force: an in-use image keeps its last tag, and other tags keep the layers.
        errors.call("remove tag", "image " + reference, () -> client.removeImageCmd(reference).exec());
    }

    /** An image ID (or a bare name that could be an ID prefix) would delete the image, not a tag. */
    static void requireTaggedReference(String reference) {
        int slash = reference.lastIndexOf('/');
        boolean tagged = reference.indexOf(':', slash + 1) > 0 && !reference.contains("@");
        if (!tagged || reference.startsWith("sha256:")) {
            throw RollbackException.refused("refusing to remove '" + reference
                + "': removeTag needs repository:tag, not an image ID or digest");
        }
    }

    /** What an incident bundle reads, redacted, through this engine's client. */
    public DockerDiagnostics diagnostics() {
        return new EngineDiagnostics(endpoint, new RawEngineApi(RawEngineApi.transportOf(client), errors));
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing the Docker client: {}", e.getMessage());
        }
    }
}
