package dev.rollback.revert;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.git.PushOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Option A of the runbook ("git push origin main", which triggers the auto-deploy). A push the
 * remote rejects because it moved meanwhile is not an exception in JGit: it is detected, the
 * branch fetched and fast-forwarded, the revert made again on top, and pushed once more. A second
 * rejection gives up (exit 3) with the local revert commit removed again.
 */
final class PushStep implements Step {
    private final GitRepository repo;
    private final RevertRequest request;
    private final RevertState state;

    PushStep(GitRepository repo, RevertRequest request, RevertState state) {
        this.repo = repo;
        this.request = request;
        this.state = state;
    }

    @Override
    public String id() {
        return "push";
    }

    @Override
    public String description() {
        return "push the revert to " + request.remote() + "/" + request.branch() + " (this triggers the deploy)";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        PushOutcome first = repo.push(request.remote(), request.branch(), request.branch());
        if (!first.pushed()) {
            context.detail("firstAttempt", "rejected: " + first.detail());
            context.progress("    the remote moved; fetching and reverting again on top of it");
            retryOnTopOfRemote();
        }
        state.pushed = true;
        state.pushedNanos = System.nanoTime();
        context.detail("pushed", state.outcome.commit())
            .result("remote", request.remote()).result("branch", request.branch());
    }

    private void retryOnTopOfRemote() {
        repo.resetHard(state.outcome.previousHead());
        repo.fetch(request.remote());
        String moved = repo.remoteBranchHead(request.remote(), request.branch())
            .orElseThrow(() -> RollbackException.refused(request.remote() + " no longer has " + request.branch()));
        if (!repo.isAncestor(state.outcome.previousHead(), moved)) {
            throw RollbackException.refused(request.remote() + "/" + request.branch()
                + " was rewritten while reverting; nothing was pushed, the local revert commit was removed");
        }
        repo.fastForward(moved);
        state.outcome = repo.revert(state.commit, request.mainline(), request.author());
        PushOutcome second = repo.push(request.remote(), request.branch(), request.branch());
        if (!second.pushed()) {
            repo.resetHard(state.outcome.previousHead());
            throw RollbackException.refused("the push was rejected twice (" + second.detail()
                + "); nothing was pushed and the local revert commit was removed; try again");
        }
    }
}
