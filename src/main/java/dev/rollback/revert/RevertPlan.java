package dev.rollback.revert;

import dev.rollback.adapters.forge.GitHubRepository;
import dev.rollback.adapters.forge.PullRequests;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.VersionEndpoint;
import dev.rollback.core.Plan;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGateStep;
import dev.rollback.gate.HealthGate;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Level 2 of the runbook ("Git Revert, ~5 min, no data loss"): revert the bad commit and push it
 * (option A, the push triggers the deploy) or open a pull request (option B), then follow the
 * deploy until the revert runs and the health checks pass.
 */
public final class RevertPlan {
    /**
     * @param versionEndpoint answers the deployed commit, or null when none is configured
     */
    public record Inputs(GitRepository repo, RevertRequest request, Optional<PullRequests> forge,
                         Optional<GitHubRepository> github, VersionEndpoint versionEndpoint,
                         List<HealthCheck> endpoints, HealthGate gate, BooleanSupplier cancelled) {
    }

    private RevertPlan() {
    }

    public static Plan build(Inputs in) {
        RevertState state = new RevertState();
        RevertRequest request = in.request();
        Plan.Builder plan = Plan.builder("revert").level(2)
            .step(new PrepareStep(in.repo(), request, state))
            .step(new RevertCommitStep(in.repo(), request, state));
        if (request.pullRequest()) {
            return plan.step(new PullRequestStep(in.repo(), request, state, in.forge(), in.github())).build();
        }
        plan.step(new PushStep(in.repo(), request, state));
        if (request.waitForDeploy()) {
            plan.step(in.versionEndpoint() != null
                ? new WaitForDeployStep(in.versionEndpoint(), request.deployTimeout(), state, in.cancelled())
                : skipped("wait-deploy", "no git.version-url configured: the deploy cannot be followed,"
                    + " only the health checks are run"));
            if (!in.endpoints().isEmpty()) {
                plan.step(HealthGateStep.httpChecksOnly(in.gate(), in.endpoints()));
            }
        }
        return plan.build();
    }

    private static Step skipped(String id, String reason) {
        return new Step() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return reason;
            }

            @Override
            public void apply(StepContext context) {
                context.skip(reason);
            }
        };
    }
}
