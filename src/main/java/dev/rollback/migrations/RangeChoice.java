package dev.rollback.migrations;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.core.RollbackException;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import dev.rollback.release.ReleaseChoice;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves {@code --from} / {@code --to}: {@code previous} (the release {@code redeploy} would go
 * back to, as {@link ReleaseChoice} picks it), {@code current} (the recorded release running now),
 * a release id from the ledger, or any git revision.
 */
public final class RangeChoice {
    private final GitRepository git;
    private final Ledger ledger;
    private final Supplier<Map<String, String>> runningImageIds;

    /** @param runningImageIds service → image ID of what runs now; may throw when Docker is unreachable */
    public RangeChoice(GitRepository git, Ledger ledger, Supplier<Map<String, String>> runningImageIds) {
        this.git = git;
        this.ledger = ledger;
        this.runningImageIds = runningImageIds;
    }

    public RangeEnd resolve(String wanted) {
        return switch (wanted) {
            case "previous" -> previous();
            case "current" -> current();
            case "HEAD" -> new RangeEnd(wanted, git.head(), "the checkout's HEAD");
            default -> releaseOrRevision(wanted);
        };
    }

    /** With Docker down, what runs is unknown: the newest recorded release is then the one before it. */
    private RangeEnd previous() {
        Map<String, String> running;
        String how = "previous";
        try {
            running = runningImageIds.get();
        } catch (RollbackException unreachable) {
            running = Map.of();
            how = "newest recorded; Docker did not answer, so what runs now is unknown";
        }
        try {
            return fromRelease(ReleaseChoice.choose(ledger, running, "previous"), how);
        } catch (RollbackException nothingBefore) {
            throw RollbackException.refused("--from previous: " + nothingBefore.getMessage() + "; before a deploy"
                + " compare with what runs (--from current), or pass --from REV");
        }
    }

    private RangeEnd current() {
        Release current = ReleaseChoice.current(ledger.releases(), runningImageIds.get())
            .orElseThrow(() -> RollbackException.refused("what runs now is not a recorded release; pass --from REV"
                + " (a git revision or a release id from `rollback release list`)"));
        return fromRelease(current, "current");
    }

    private RangeEnd releaseOrRevision(String wanted) {
        Optional<Release> release = ledger.releases().stream().filter(r -> r.id().equals(wanted)).findFirst();
        if (release.isPresent()) {
            return fromRelease(release.get(), "by id");
        }
        return new RangeEnd(wanted, git.resolve(wanted), "git revision");
    }

    private RangeEnd fromRelease(Release release, String how) {
        if (release.gitCommit() == null) {
            throw RollbackException.refused("release " + release.id() + " recorded no git commit (its workdir was not"
                + " a checkout); pass --from REV");
        }
        return new RangeEnd(release.id(), git.resolve(release.gitCommit()), "release " + release.id() + " (" + how + ")");
    }
}
