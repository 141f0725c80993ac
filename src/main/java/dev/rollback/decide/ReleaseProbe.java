package dev.rollback.decide;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import dev.rollback.release.ReleaseChoice;
import dev.rollback.release.RunningStack;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Can level 1 work? The release {@code redeploy} would go back to (as {@link ReleaseChoice} picks
 * it) and whether every image of it is still on this host. Dokploy keeps its own deployment history,
 * which {@code redeploy} asks; there the answer is left to it.
 */
final class ReleaseProbe extends Probe {
    private final Ledger ledger;
    private final Docker docker;
    private final Supplier<Map<String, RunningStack.Service>> running;
    private final boolean dokploy;

    ReleaseProbe(Ledger ledger, Docker docker, Supplier<Map<String, RunningStack.Service>> running, boolean dokploy,
                 FactSheet sheet) {
        super(sheet);
        this.ledger = ledger;
        this.docker = docker;
        this.running = running;
        this.dokploy = dokploy;
    }

    @Override
    public String id() {
        return "probe-releases";
    }

    @Override
    public String description() {
        Facts.Releases releases = sheet.releases;
        return releases.levelOnePossible() ? "release " + releases.previous() + " can be restored (running now: "
            + releases.current() + ")" : "no restorable release: " + releases.problem();
    }

    @Override
    protected void probe(StepContext context) {
        sheet.releases = probe();
        Facts.Releases releases = sheet.releases;
        context.detail("current", releases.current()).detail("previous", releases.previous())
            .detail("previousCommit", releases.previousCommit()).detail("restorable", releases.previousRestorable());
        if (releases.problem() != null) {
            context.detail("problem", releases.problem());
        }
    }

    private Facts.Releases probe() {
        if (dokploy) {
            return new Facts.Releases(null, "Dokploy's previous deployment", null, true, null);
        }
        if (!sheet.docker.reachable()) {
            return new Facts.Releases(null, null, null, false, "Docker does not answer, so what runs and which images"
                + " exist are unknown");
        }
        try {
            Map<String, String> imageIds = RunningStack.imageIds(running.get());
            String current = ReleaseChoice.current(ledger.releases(), imageIds).map(Release::id).orElse("unrecorded");
            Release previous = ReleaseChoice.choose(ledger, imageIds, "previous");
            List<String> missing = previous.services().entrySet().stream()
                .filter(e -> docker.imageId(e.getValue().imageId()).isEmpty()).map(Map.Entry::getKey).toList();
            String problem = missing.isEmpty() ? null : "the images of release " + previous.id()
                + " are gone from this host (" + String.join(", ", missing) + ")";
            return new Facts.Releases(current, previous.id(), previous.gitCommit(), missing.isEmpty(), problem);
        } catch (RollbackException e) {
            return new Facts.Releases(null, null, null, false, e.getMessage());
        }
    }
}
