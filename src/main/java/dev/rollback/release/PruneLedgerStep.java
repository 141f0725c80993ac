package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the newest {@code releases.keep} releases; older ones leave the ledger and lose their
 * protective tags (the images themselves are not deleted, only no longer protected).
 */
final class PruneLedgerStep implements Step {
    private final Ledger ledger;
    private final Docker docker;
    private final int keep;

    PruneLedgerStep(Ledger ledger, Docker docker, int keep) {
        this.ledger = ledger;
        this.docker = docker;
        this.keep = keep;
    }

    @Override
    public String id() {
        return "prune-ledger";
    }

    @Override
    public String description() {
        return "keep the newest " + keep + " releases in the ledger";
    }

    @Override
    public void apply(StepContext context) throws IOException {
        List<Release> releases = ledger.releases();
        List<String> pruned = new ArrayList<>();
        List<String> untagFailures = new ArrayList<>();
        for (Release old : releases.subList(0, Math.max(0, releases.size() - keep))) {
            for (ServiceImage image : old.services().values()) {
                try {
                    docker.removeTag(image.protectTag());
                } catch (RollbackException e) {
                    untagFailures.add(image.protectTag() + ": " + e.getMessage());
                }
            }
            ledger.prune(old.id());
            pruned.add(old.id());
        }
        context.detail("pruned", pruned);
        if (!untagFailures.isEmpty()) {
            context.detail("tagsNotRemoved", untagFailures);
        }
    }
}
