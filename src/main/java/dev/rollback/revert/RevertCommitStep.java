package dev.rollback.revert;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * The revert commit, in git's own message format. A conflict leaves the tree exactly as it was
 * and fails with exit 3 listing the paths (the adapter guarantees both). Undone (the local commit
 * dropped again) only while it has not been pushed.
 */
final class RevertCommitStep implements Step {
    private final GitRepository repo;
    private final RevertRequest request;
    private final RevertState state;

    RevertCommitStep(GitRepository repo, RevertRequest request, RevertState state) {
        this.repo = repo;
        this.request = request;
        this.state = state;
    }

    @Override
    public String id() {
        return "revert-commit";
    }

    @Override
    public String description() {
        return "commit Revert \"" + (state.subject != null ? state.subject : "…") + "\"";
    }

    @Override
    public void apply(StepContext context) {
        state.outcome = repo.revert(state.commit, request.mainline(), request.author());
        context.detail("revertCommit", state.outcome.commit())
            .result("revertedCommit", state.commit)
            .result("revertCommit", state.outcome.commit())
            .result("revertOfRevert", state.revertOfRevert);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        if (state.outcome != null && !state.pushed) {
            repo.resetHard(state.outcome.previousHead());
            context.detail("resetTo", state.outcome.previousHead());
        } else {
            context.skip("already pushed: the revert stays");
        }
    }
}
