package dev.rollback.images;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Images a run needs that are not on this host, and the one way they arrive: pulled from their
 * registry, one at a time, each within {@link #PULL_TIMEOUT}. A step asks {@link #check} in its
 * check (read-only: with {@code --no-pull} a missing image is refused there, exit 3, before any
 * step changed anything) and {@link #pull} in its apply. A pull that fails is one line naming the
 * image: exit 4 when the registry is unreachable, 3 when it has no such image.
 */
public final class MissingImages {
    /** A small service image arrives in seconds; a wedged registry must not hold an incident longer. */
    public static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

    private final Docker docker;
    private final boolean pull;

    /** @param pull whether missing images may be pulled (false: {@code --no-pull}, refuse instead) */
    public MissingImages(Docker docker, boolean pull) {
        this.docker = docker;
        this.pull = pull;
    }

    public boolean pulling() {
        return pull;
    }

    /** The references among these that are not on this host, in their order, without repeats. */
    public List<String> of(Collection<String> references) {
        return references.stream().distinct().filter(reference -> docker.imageId(reference).isEmpty()).toList();
    }

    /**
     * The missing ones among {@code references}; refused (exit 3) when there are any and pulling is
     * off. {@code what} says whose images they are, e.g. "the helper image".
     */
    public List<String> check(Collection<String> references, String what) {
        List<String> missing = of(references);
        if (!missing.isEmpty() && !pull) {
            throw refusedWithoutPull(missing, what);
        }
        return missing;
    }

    /** The refusal {@link #check} throws: exit 3, nothing changed, what to do. */
    public static RollbackException refusedWithoutPull(List<String> missing, String what) {
        return RollbackException.refused(what + " " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
            + " not on this host and --no-pull is set; pull " + (missing.size() == 1 ? "it" : "them")
            + " (docker pull) or run without --no-pull (nothing was changed)");
    }

    /**
     * Pulls each reference that is still missing (another step may have pulled it since the check)
     * and confirms it is here afterwards; records {@code pulled} in the step's detail. Refuses when
     * pulling is off (a step that checked first never gets here then).
     */
    public void pull(List<String> wanted, StepContext context) {
        List<String> references = of(wanted);
        if (references.isEmpty()) {
            return;
        }
        if (!pull) {
            throw refusedWithoutPull(references, "image(s)");
        }
        for (String reference : references) {
            context.progress("    pulling " + reference);
            docker.pull(reference, PULL_TIMEOUT);
            if (docker.imageId(reference).isEmpty()) {
                throw RollbackException.failed("pulled " + reference + " but the daemon does not list it afterwards");
            }
        }
        context.detail("pulled", List.copyOf(references));
    }
}
