package dev.rollback.redeploy;

import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Either {@code rollback.rollback} to the chosen rollback point (synchronous; the health gate
 * confirms it), or {@code redeploy} followed through {@code deployment.all} until the new
 * deployment is {@code done} (or fails: exit 1 with Dokploy's error message).
 */
final class DokployRollbackStep implements Step {
    private final Dokploy dokploy;
    private final Dokploy.Target target;
    private final DokployChoice choice;
    private final Duration deployTimeout;
    private final Duration pollInterval;

    DokployRollbackStep(Dokploy dokploy, Dokploy.Target target, DokployChoice choice, Duration deployTimeout,
                        Duration pollInterval) {
        this.dokploy = dokploy;
        this.target = target;
        this.choice = choice;
        this.deployTimeout = deployTimeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public String id() {
        return "dokploy-rollback";
    }

    @Override
    public String description() {
        return choice.rollbackTo != null ? "Dokploy rollback to deployment " + choice.rollbackTo.id()
            : "Dokploy redeploy of " + target.kind().name().toLowerCase() + " " + target.id() + ", followed until done";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        if (choice.rollbackTo != null) {
            dokploy.rollback(choice.rollbackTo.rollbackId());
            context.detail("rollbackId", choice.rollbackTo.rollbackId())
                .result("deploymentReached", choice.rollbackTo.id());
            return;
        }
        Set<String> before = dokploy.deployments(target).stream().map(Dokploy.Deployment::id).collect(Collectors.toSet());
        dokploy.redeploy(target, "rollback: redeploy", "requested by the rollback CLI");
        Dokploy.Deployment done = follow(before, context);
        context.detail("deployment", done.id()).result("deploymentReached", done.id());
    }

    private Dokploy.Deployment follow(Set<String> before, StepContext context) throws InterruptedException {
        long deadline = System.nanoTime() + deployTimeout.toNanos();
        String lastStatus = null;
        while (System.nanoTime() < deadline) {
            List<Dokploy.Deployment> fresh = dokploy.deployments(target).stream()
                .filter(d -> !before.contains(d.id())).toList();
            if (!fresh.isEmpty()) {
                Dokploy.Deployment newest = fresh.get(0);
                if (!newest.status().equals(lastStatus)) {
                    context.progress("    deployment " + newest.id() + ": " + newest.status());
                    lastStatus = newest.status();
                }
                if (newest.done()) {
                    return newest;
                }
                if (newest.finished()) {
                    throw RollbackException.failed("Dokploy deployment " + newest.id() + " ended " + newest.status()
                        + (newest.errorMessage() == null ? "" : ": " + newest.errorMessage()));
                }
            }
            Thread.sleep(pollInterval.toMillis());
        }
        throw RollbackException.failed("the Dokploy redeploy did not finish within " + deployTimeout.toMinutes()
            + " min (last status: " + (lastStatus == null ? "not started" : lastStatus) + ")");
    }
}
