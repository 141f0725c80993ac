package dev.rollback.revert;

import dev.rollback.adapters.forge.GitHubRepository;
import dev.rollback.adapters.forge.PullRequests;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.git.PushOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.Optional;

/**
 * Option B of the runbook ("revert via GitHub, create a pull request, merge after review"): push
 * the revert to {@code revert-<short sha>}, put the deploy branch back where it was, and open the
 * pull request when a token is there; without one, print the compare URL to open it by hand.
 */
final class PullRequestStep implements Step {
    private final GitRepository repo;
    private final RevertRequest request;
    private final RevertState state;
    private final Optional<PullRequests> forge;
    private final Optional<GitHubRepository> github;

    PullRequestStep(GitRepository repo, RevertRequest request, RevertState state, Optional<PullRequests> forge,
                    Optional<GitHubRepository> github) {
        this.repo = repo;
        this.request = request;
        this.state = state;
        this.forge = forge;
        this.github = github;
    }

    @Override
    public String id() {
        return "pull-request";
    }

    @Override
    public String description() {
        return "push branch " + branchName() + " and " + (forge.isPresent() && github.isPresent()
            ? "open a pull request into " + request.branch() : "print the URL to open a pull request");
    }

    private String branchName() {
        return "revert-" + (state.commit == null ? "<sha>" : state.commit.substring(0, 7));
    }

    @Override
    public void apply(StepContext context) {
        String branch = branchName();
        repo.createBranch(branch, state.outcome.commit());
        PushOutcome pushed = repo.push(request.remote(), branch, branch);
        repo.resetHard(state.outcome.previousHead());   // the deploy branch waits for the review
        if (!pushed.pushed()) {
            throw RollbackException.refused("pushing " + branch + " was rejected: " + pushed.detail());
        }
        state.pushed = true;
        context.result("remote", request.remote()).result("branch", branch);
        String title = "Revert \"" + state.subject + "\"";
        String body = state.outcome.message() + "\n\nOpened by `rollback revert --mode pr`.";
        if (forge.isPresent() && github.isPresent()) {
            String url = forge.get().open(github.get().fullName(), branch, request.branch(), title, body);
            context.detail("pullRequest", url).result("pullRequestUrl", url);
        } else if (github.isPresent()) {
            String url = github.get().compareUrl(request.branch(), branch);
            context.detail("compareUrl", url).result("compareUrl", url);
            context.progress("    no forge token: open the pull request at " + url);
        } else {
            context.detail("note", "the remote is not on GitHub: open a pull request from " + branch + " by hand");
        }
    }
}
