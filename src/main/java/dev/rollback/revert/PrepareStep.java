package dev.rollback.revert;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * Every precondition before anything changes: a clean tree on the deploy branch, fetched, equal
 * to the remote branch or behind it (then fast-forwarded), the commit on that branch, a merge
 * commit only with --mainline. Shows the diff stat the revert will have.
 */
final class PrepareStep implements Step {
    private final GitRepository repo;
    private final RevertRequest request;
    private final RevertState state;

    PrepareStep(GitRepository repo, RevertRequest request, RevertState state) {
        this.repo = repo;
        this.request = request;
        this.state = state;
    }

    @Override
    public String id() {
        return "prepare-branch";
    }

    @Override
    public String description() {
        return "check the checkout and " + request.remote() + "/" + request.branch()
            + (state.behind ? ", fast-forward to " + shortSha(state.remoteHead) : "");
    }

    @Override
    public void check(StepContext context) {
        List<String> dirty = repo.uncommittedPaths();
        if (!dirty.isEmpty()) {
            throw RollbackException.refused("the working tree has uncommitted changes ("
                + String.join(", ", dirty.subList(0, Math.min(5, dirty.size()))) + (dirty.size() > 5 ? ", …" : "")
                + "); commit or stash them first");
        }
        String branch = repo.currentBranch();
        if (!request.branch().equals(branch)) {
            throw RollbackException.refused("the checkout is on " + branch + ", not on the deploy branch "
                + request.branch() + "; check it out first");
        }
        repo.fetch(request.remote());
        state.remoteHead = repo.remoteBranchHead(request.remote(), request.branch()).orElseThrow(() ->
            RollbackException.refused(request.remote() + " has no branch " + request.branch()));
        String local = repo.head();
        state.behind = !local.equals(state.remoteHead);
        if (state.behind && !repo.isAncestor(local, state.remoteHead)) {
            throw RollbackException.refused("local " + request.branch() + " (" + shortSha(local) + ") and "
                + request.remote() + "/" + request.branch() + " (" + shortSha(state.remoteHead)
                + ") have diverged; reconcile them before reverting");
        }
        checkCommit(context);
    }

    private void checkCommit(StepContext context) {
        state.commit = repo.resolve(request.commit() != null ? request.commit() : state.remoteHead);
        if (!repo.isAncestor(state.commit, state.remoteHead)) {
            throw RollbackException.refused("commit " + shortSha(state.commit) + " is not on "
                + request.remote() + "/" + request.branch());
        }
        int parents = repo.parentCount(state.commit);
        if (parents > 1 && request.mainline() == null) {
            throw RollbackException.refused("commit " + shortSha(state.commit) + " is a merge of " + parents
                + " parents; say which parent is the mainline with --mainline N (usually 1)");
        }
        if (parents <= 1 && request.mainline() != null) {
            throw RollbackException.usage("--mainline only applies to merge commits; " + shortSha(state.commit)
                + " has " + parents + " parent");
        }
        state.subject = repo.subject(state.commit);
        state.revertOfRevert = state.subject.startsWith("Revert \"");
        String parent = state.commit + "^" + (request.mainline() != null ? request.mainline() : 1);
        context.detail("commit", state.commit).detail("subject", state.subject)
            .detail("revertDiffStat", repo.diffStat(state.commit, parent).strip());
        if (state.revertOfRevert) {
            context.detail("note", "this commit is itself a revert: reverting it re-applies the original change");
        }
    }

    @Override
    public void apply(StepContext context) {
        if (state.behind) {
            repo.fastForward(state.remoteHead);
            context.detail("fastForwardedTo", state.remoteHead);
        }
    }

    static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
    }
}
