package dev.rollback.rebuild;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Step;
import dev.rollback.gate.HealthGate;
import dev.rollback.release.Ledger;
import dev.rollback.release.RunningStack;
import java.util.List;
import java.util.function.Function;

/**
 * What level 4 brings up on this host, all of it through the stack's platform: its stack files
 * (taken down, provisioned, deployed), what runs (the release choice, the health checks), and a
 * release from the ledger reached through level 1's steps.
 *
 * @param files      the platform's tool for the stack files ({@code compose}, {@code docker stack})
 * @param stack      what runs, as the platform reads it, and the check per service
 * @param wanted     {@code latest} (the newest recorded release), {@code previous} (as level 1: the
 *                   release before the one the images are tagged as now), a release id, or
 *                   {@code current} (no ledger: what the stack files' tags name now)
 * @param httpChecks the configured HTTP checks, part of the health gates
 * @param redeploy   level 1's steps (the platform's redeploy) to the release with this id
 */
public record ReleaseInputs(Docker docker, StackTool files, RunningStack stack, Ledger ledger, String wanted,
                            List<HealthCheck> httpChecks, HealthGate gate, Function<String, List<Step>> redeploy) {
    public static final String LATEST = "latest";
    public static final String CURRENT = "current";

    /** The compose project or Swarm stack namespace. */
    String project() {
        return stack.name();
    }
}
