package dev.rollback.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DurationText;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code docker pull}, through the Engine API: by tag ({@code repo:tag}) or by digest
 * ({@code repo@sha256:…}, the engine takes a digest where the API says "tag"). Bounded: a pull
 * that has not finished within its timeout is given up (exit 4). A failure is one line naming the
 * image, with the exit code the operator can act on:
 * <ul>
 *   <li>3: the registry answered and has no such image (or refuses us: {@code docker login});</li>
 *   <li>4: the registry could not be reached, or the pull did not finish in time;</li>
 *   <li>the daemon itself unreachable: exit 4 as for every call ({@link DockerErrors}).</li>
 * </ul>
 * Credentials come from the operator's {@code ~/.docker/config.json}, as docker-java reads it.
 */
final class ImagePull {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePull.class);
    /** What registries (Distribution, Docker Hub, GHCR) and the daemon say when an image is not there. */
    private static final Pattern NOT_THERE = Pattern.compile(
        "manifest unknown|not found|does not exist|name unknown|unknown manifest|repository .* not found",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern DENIED = Pattern.compile(
        "denied|unauthorized|authentication required|no basic auth credentials", Pattern.CASE_INSENSITIVE);

    private final DockerClient client;
    private final DockerErrors errors;

    ImagePull(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    void pull(String reference, Duration timeout) {
        Reference ref = Reference.parse(reference);
        LOG.info("pulling image {} (at most {})", reference, DurationText.format(timeout));
        String error = errors.call("pull", "image " + reference, () -> {
            try {
                PullProgress progress = client.pullImageCmd(ref.repository()).withTag(ref.tagOrDigest())
                    .exec(new PullProgress());
                try (progress) {
                    if (!progress.finishedWithin(timeout)) {
                        throw RollbackException.unreachable("cannot pull " + reference + ": not done within "
                            + DurationText.format(timeout) + "; its registry is slow or unreachable", null);
                    }
                }
                return progress.error();
            } catch (DockerException answered) {
                // The daemon answered with an error: the registry's verdict, not the daemon's health.
                throw failure(reference, DockerErrors.daemonMessage(answered));
            }
        });
        if (error != null) {
            throw failure(reference, error);
        }
    }

    /** The daemon's (or registry's) message, classified: not there (3) or not reachable (4). */
    static RollbackException failure(String reference, String message) {
        String said = message.strip().lines().findFirst().orElse("no message");
        said = said.length() <= 300 ? said : said.substring(0, 300) + "…";
        if (NOT_THERE.matcher(message).find()) {
            return RollbackException.refused("cannot pull " + reference + ": its registry has no such image (" + said + ")");
        }
        if (DENIED.matcher(message).find()) {
            return RollbackException.refused("cannot pull " + reference + ": the registry refused access (" + said
                + "); docker login to it first");
        }
        return RollbackException.unreachable("cannot pull " + reference + ": its registry is unreachable (" + said + ")",
            null);
    }

    /**
     * {@code repo:tag}, {@code repo@sha256:…} or {@code repo:tag@sha256:…} (the digest wins, as
     * docker pull does); a bare {@code repo} is {@code repo:latest}.
     */
    record Reference(String repository, String tagOrDigest) {
        static Reference parse(String reference) {
            int at = reference.indexOf('@');
            String name = at >= 0 ? reference.substring(0, at) : reference;
            int slash = name.lastIndexOf('/');
            int colon = name.lastIndexOf(':');
            String repository = colon > slash ? name.substring(0, colon) : name;
            if (at >= 0) {
                return new Reference(repository, reference.substring(at + 1));
            }
            return new Reference(repository, colon > slash ? name.substring(colon + 1) : "latest");
        }
    }
}
