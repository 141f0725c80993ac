package dev.rollback.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One short-lived helper container, the strategies document's {@code docker run --rm ... alpine tar ...} done with
 * care: an argv list (no shell unless the caller passes a constant script), no network, a read-only
 * root filesystem, root inside (a volume's files belong to whoever wrote them). It is waited for
 * with a timeout, its exit code is checked, and it is always removed, also after a failure or a
 * timeout; a failure says the helper's last stderr line. No {@code AutoRemove}: the logs must still
 * be there to say why it failed.
 *
 * <p>Every helper carries the label {@value #HELPER_LABEL}, so leftovers of a killed run can be
 * found with {@code docker ps -a --filter label=dev.rollback.helper}.
 */
final class HelperContainer {
    static final String HELPER_LABEL = "dev.rollback.helper";
    static final String VOLUME_LABEL = "dev.rollback.helper.volume";
    private static final Logger LOG = LoggerFactory.getLogger(HelperContainer.class);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);
    /** Read this much of a failed helper's stderr; a longer one is not judged harmless. */
    private static final int STDERR_LINES = 10_000;

    /** Decides whether a non-zero exit is harmless; its answer is what the caller gets back. */
    @FunctionalInterface
    interface Tolerance {
        /**
         * @param complete whether {@code stderr} is all the helper wrote
         * @return what to report instead of failing, or empty to fail
         */
        Optional<List<String>> accept(int exitCode, List<String> stderr, boolean complete);
    }

    /** Every non-zero exit is a failure. */
    static final Tolerance NONE = (exitCode, stderr, complete) -> Optional.empty();

    private final DockerClient client;
    private final DockerErrors errors;
    private final String image;
    private final Duration timeout;

    HelperContainer(DockerClient client, DockerErrors errors, String image, Duration timeout) {
        this.client = client;
        this.errors = errors;
        this.image = image;
        this.timeout = timeout;
    }

    /**
     * Runs {@code argv} in a new helper container and waits for it to exit 0.
     *
     * @param what   for messages, e.g. "archive of volume pgdata"
     * @param volume the volume it works on (a label, so a test or an operator can find its helpers)
     */
    void run(String what, String volume, List<Mount> mounts, List<String> argv) {
        run(what, volume, mounts, argv, NONE);
    }

    /**
     * Like {@link #run(String, String, List, List)}, but a non-zero exit that {@code tolerance}
     * accepts returns its answer instead of failing.
     *
     * @return empty after exit 0, else what {@code tolerance} made of the exit and stderr
     */
    List<String> run(String what, String volume, List<Mount> mounts, List<String> argv, Tolerance tolerance) {
        String name = "rollback-helper-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String id = errors.call("create the helper container for the", what, () -> create(name, volume, mounts, argv));
        LOG.debug("helper container {} ({}) for the {}: {}", name, image, what, argv.get(0));
        try {
            return errors.call("run the helper container for the", what, () -> awaitSuccess(id, name, what, tolerance));
        } finally {
            remove(id, name);
        }
    }

    private String create(String name, String volume, List<Mount> mounts, List<String> argv) {
        HostConfig host = HostConfig.newHostConfig().withMounts(mounts).withNetworkMode("none").withReadonlyRootfs(true);
        return client.createContainerCmd(image).withName(name).withUser("0:0")
            .withEntrypoint(argv.get(0)).withCmd(argv.subList(1, argv.size()))
            .withLabels(Map.of(HELPER_LABEL, "volume", VOLUME_LABEL, volume))
            .withHostConfig(host).exec().getId();
    }

    private List<String> awaitSuccess(String id, String name, String what, Tolerance tolerance) throws Exception {
        client.startContainerCmd(id).exec();
        ExitWait wait = client.waitContainerCmd(id).exec(new ExitWait());
        try (wait) {
            if (!wait.finishedWithin(timeout)) {
                throw RollbackException.failed("the " + what + " did not finish within " + human(timeout)
                    + "; its helper container " + name + " was stopped and removed");
            }
        }
        Integer code = wait.statusCode();
        if (code == null) {
            throw RollbackException.failed("the " + what + " ended without an exit code (helper container " + name + ")");
        }
        if (code == 0) {
            return List.of();
        }
        List<String> stderr;
        try {
            stderr = stderr(id);
        } catch (Exception e) {
            throw RollbackException.failed("the " + what + " failed: " + image + " exited with " + code
                + "; its error output could not be read (" + DockerErrors.oneLine(e) + ")");
        }
        Optional<List<String>> tolerated = tolerance.accept(code, stderr, stderr.size() < STDERR_LINES);
        if (tolerated.isPresent()) {
            return tolerated.get();
        }
        throw RollbackException.failed("the " + what + " failed: " + image + " exited with " + code + ": "
            + lastErrorLine(stderr));
    }

    private List<String> stderr(String id) throws Exception {
        FrameLines lines = client.logContainerCmd(id).withStdOut(false).withStdErr(true).withTail(STDERR_LINES)
            .exec(new FrameLines());
        try (lines) {
            if (!lines.finishedWithin(LOG_TIMEOUT)) {
                throw new IllegalStateException("it did not arrive within " + human(LOG_TIMEOUT));
            }
        }
        return lines.lines();
    }

    /**
     * The helper's last telling stderr line: tar's own words ("No space left on device"), not its
     * closing "error exit delayed from previous errors".
     */
    private static String lastErrorLine(List<String> stderr) {
        return stderr.stream().filter(line -> !line.isBlank() && !ChangedWhileRead.isSummary(line))
            .reduce((first, second) -> second)
            .map(String::strip).orElse("no error output");
    }

    /** Best effort and never masking the real failure; force also stops a helper that timed out. */
    private void remove(String id, String name) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        } catch (RuntimeException e) {
            LOG.warn("could not remove helper container {} ({}); remove it with: docker rm -f {}", name,
                DockerErrors.oneLine(e), name);
        }
    }

    static String human(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }
}
