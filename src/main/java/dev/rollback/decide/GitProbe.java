package dev.rollback.decide;

import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import dev.rollback.workdir.GitCheckout;
import java.util.function.Supplier;

/**
 * Can level 2 work? A git checkout around the workdir with a HEAD and the remote the revert would
 * be pushed to (or {@code git.url} to clone from). Also hands the checkout to the migration probe.
 */
final class GitProbe extends Probe {
    private final Supplier<GitCheckout> checkout;
    private final String remote;
    private final boolean cloneUrlConfigured;
    private GitCheckout opened;

    GitProbe(Supplier<GitCheckout> checkout, String remote, boolean cloneUrlConfigured, FactSheet sheet) {
        super(sheet);
        this.checkout = checkout;
        this.remote = remote;
        this.cloneUrlConfigured = cloneUrlConfigured;
    }

    @Override
    public String id() {
        return "probe-git";
    }

    @Override
    public String description() {
        return sheet.git.detail();
    }

    /** The checkout, once {@link #check} opened it; null when there is none. */
    GitCheckout checkout() {
        return opened;
    }

    @Override
    protected void probe(StepContext context) {
        try {
            opened = checkout.get();
            String head = opened.git().head();
            boolean pushable = opened.git().remoteUrl(remote).isPresent();
            String shortHead = head.substring(0, 12);
            sheet.git = new Facts.Git(pushable, head, pushable ? "HEAD " + shortHead + ", remote " + remote
                : "HEAD " + shortHead + ", but no remote '" + remote + "' to push a revert to (git.remote)");
        } catch (RollbackException e) {
            sheet.git = cloneUrlConfigured ? new Facts.Git(true, null, "no checkout (" + e.getMessage()
                + "); revert clones git.url") : new Facts.Git(false, null, e.getMessage());
        }
        context.detail("revertPossible", sheet.git.revertPossible()).detail("head", sheet.git.head());
    }
}
