package dev.rollback.adapters.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The boundary where docker-java's exceptions become {@link RollbackException}s, so nothing above
 * the adapter sees a docker-java type: a missing container or image is exit 3 (a precondition),
 * any I/O failure talking to the daemon is exit 4, everything else exit 1 with the daemon's
 * one-line message instead of docker-java's "Status 409: {json}".
 */
final class DockerErrors {
    /** A docker-java call; may throw anything, including InterruptedException from callbacks. */
    interface Call<T> {
        T run() throws Exception;
    }

    private static final Pattern DAEMON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_MESSAGE = 300;
    private static final String NOT_A_MANAGER = "not a swarm manager";

    private final String endpoint;

    DockerErrors(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Runs a call and translates its failure.
     *
     * @param action  what was attempted, for messages: "stop", "inspect", "tag"
     * @param subject what it was attempted on: "container web-1", "image app:v2"
     */
    <T> T call(String action, String subject, Call<T> call) {
        try {
            return call.run();
        } catch (RollbackException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, action + " " + subject + " was interrupted", e);
        } catch (Exception e) {
            throw translate(action, subject, e);
        }
    }

    RollbackException translate(String action, String subject, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BoundedTransport.EngineStall stall) {
                return stalled(action + " " + subject, stall.bound(), stall.getMessage(), error);
            }
        }
        if (error instanceof NotFoundException) {
            return notFound(subject, error);
        }
        if (ioCause(error) != null) {
            return unreachable(error);
        }
        if (error instanceof DockerException docker) {
            return daemonError(action, subject, docker.getHttpStatus(), daemonMessage(docker), error);
        }
        return new RollbackException(ExitCode.FAILED, "cannot " + action + " " + subject + ": " + oneLine(error), error);
    }

    /**
     * An HTTP error answer of the daemon, whether docker-java or a raw API call received it.
     * {@code message} is the daemon's own one-line message.
     */
    RollbackException daemonError(String action, String subject, int status, String message, Throwable cause) {
        if (status == 404) {
            return notFound(subject, cause);
        }
        // 503 from every swarm endpoint of a node that is not a manager (no swarm, or a worker):
        // a precondition of the Swarm target, not a failure of the rollback.
        if (message != null && message.contains(NOT_A_MANAGER)) {
            return new RollbackException(ExitCode.REFUSED, "cannot " + action + " " + subject + ": the Docker daemon at "
                + endpoint + " is " + NOT_A_MANAGER + "; point docker.host at a manager node (docker node ls lists them)",
                cause);
        }
        return new RollbackException(ExitCode.FAILED, "cannot " + action + " " + subject + ": " + message, cause);
    }

    /** {@code cause} may be null: a lookup that came back empty. */
    RollbackException notFound(String subject, Throwable cause) {
        return new RollbackException(ExitCode.REFUSED, subject + " not found on " + endpoint, cause);
    }

    RollbackException unreachable(Throwable cause) {
        Throwable io = ioCause(cause);
        String reason = oneLine(io != null ? io : cause);
        return RollbackException.unreachable("Docker daemon at " + endpoint + " is unreachable (" + reason
            + "); check that dockerd is running and that DOCKER_HOST (or docker.host in the config) points at it",
            cause);
    }

    /**
     * A call that got no (complete) answer within its bound (EngineTimeouts): a wedged daemon, or
     * something at the endpoint that accepts connections and says nothing.
     *
     * @param call   what was asked, for the operator: "inspect container web-1"
     * @param detail what the wire saw: "GET /containers/web-1/json got no answer"
     */
    RollbackException stalled(String call, Duration bound, String detail, Throwable cause) {
        return RollbackException.unreachable("the Docker engine at " + endpoint + " did not answer \"" + call
            + "\" within " + DurationText.format(bound) + " (" + detail + "); check that dockerd is healthy"
            + " (docker info) and that DOCKER_HOST or docker.host points at it", cause);
    }

    /** docker-java wraps socket errors in plain RuntimeExceptions; the IOException underneath is the tell. */
    private static IOException ioCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** {@code Status 409: {"message":"Container x is not running"}} → {@code Container x is not running}. */
    static String daemonMessage(DockerException error) {
        return messageIn(error.getMessage()).orElseGet(() -> oneLine(error));
    }

    /** The "message" of the daemon's JSON error answer, on one line; empty when there is none. */
    static Optional<String> messageIn(String answer) {
        Matcher matcher = DAEMON_MESSAGE.matcher(answer == null ? "" : answer);
        if (matcher.find()) {
            return Optional.of(truncate(matcher.group(1).replace("\\\"", "\"").replace("\\n", " ").trim()));
        }
        return Optional.empty();
    }

    static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return truncate(message.strip().lines().findFirst().orElse("").strip());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
