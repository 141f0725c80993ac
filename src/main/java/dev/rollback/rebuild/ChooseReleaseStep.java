package dev.rollback.rebuild;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import dev.rollback.release.ReleaseChoice;
import dev.rollback.release.RunningStack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses, before anything is stopped, the release the rebuilt stack will run, and refuses (exit 3)
 * when the ledger has none or when the images of the chosen one are gone from this host. "previous"
 * is decided against what is tagged now, so it means what it means for level 1.
 */
final class ChooseReleaseStep implements Step {
    private final ReleaseInputs in;
    private final ChosenRelease chosen;

    ChooseReleaseStep(ReleaseInputs in, ChosenRelease chosen) {
        this.in = in;
        this.chosen = chosen;
    }

    @Override
    public String id() {
        return "choose-release";
    }

    @Override
    public String description() {
        return chosen.release != null ? "bring up release " + chosen.release.id() + " (" + in.wanted() + ")"
            : ReleaseInputs.CURRENT.equals(in.wanted()) ? "bring up the images the stack files name now (--release current)"
            : "choose the release to bring up (" + in.wanted() + ")";
    }

    @Override
    public void check(StepContext context) {
        context.result("provider", "local").result("server", "this host");
        try {
            in.docker().ping();
        } catch (RollbackException down) {
            // Level 4 on this host needs its Docker daemon; the state can still be documented without it.
            throw new RollbackException(down.exitCode(), down.getMessage() + "; nothing was changed (`rollback"
                + " incident` records the current state without Docker)", down);
        }
        if (ReleaseInputs.CURRENT.equals(in.wanted())) {
            context.detail("release", "none: the stack files' images as tagged now");
            return;
        }
        chosen.release = choose(in.ledger(), context);
        List<String> missing = chosen.release.services().entrySet().stream()
            .filter(e -> in.docker().imageId(e.getValue().imageId()).isEmpty())
            .map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw RollbackException.refused("the images of release " + chosen.release.id() + " are gone from this host ("
                + String.join(", ", missing) + "); pick another with --release ID (`rollback release list`), or"
                + " --release current; nothing was changed");
        }
        Map<String, String> images = new TreeMap<>();
        chosen.release.services().forEach((service, image) -> images.put(service, image.image()));
        context.detail("release", chosen.release.id()).detail("recordedAt", chosen.release.recordedAt().toString())
            .detail("commit", chosen.release.shortCommit()).detail("images", images);
    }

    private Release choose(Ledger ledger, StepContext context) {
        List<Release> releases = ledger.releases();
        if (releases.isEmpty()) {
            throw RollbackException.refused("the release ledger " + ledger.file() + " is empty, so there is no release"
                + " to bring up; use --release current to start what the stack files name");
        }
        return switch (in.wanted()) {
            case ReleaseInputs.LATEST -> releases.get(releases.size() - 1);
            case "previous" -> ReleaseChoice.choose(ledger,
                RunningStack.imageIds(in.stack().services()), "previous",
                context.memory());
            default -> ledger.find(in.wanted());
        };
    }

    @Override
    public void apply(StepContext context) {
        context.result("release", chosen.release != null ? chosen.release.id() : ReleaseInputs.CURRENT);
    }
}
