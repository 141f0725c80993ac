package dev.rollback.redeploy;

import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.core.ExitCode;
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
    /** The title of the redeploy's deployment row: Dokploy keeps the one sent, which is how it is found. */
    static final String TITLE = "rollback: redeploy";

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
            rollBack(choice.rollbackTo);
            context.detail("rollbackId", choice.rollbackTo.rollbackId())
                .result("deploymentReached", choice.rollbackTo.id());
            return;
        }
        Set<String> before = dokploy.deployments(target).stream().map(Dokploy.Deployment::id).collect(Collectors.toSet());
        dokploy.redeploy(target, TITLE, "requested by the rollback CLI");
        Dokploy.Deployment done = follow(before, context);
        context.detail("deployment", done.id()).result("deploymentReached", done.id());
    }

    /**
     * Dokploy answers every failed {@code rollback.rollback} with the same "Error input: Rolling
     * back", a rollback point it has meanwhile pruned included; the deployments list tells that
     * case apart, and it is a precondition (exit 3): nothing was rolled back.
     */
    private void rollBack(Dokploy.Deployment to) {
        try {
            dokploy.rollback(to.rollbackId());
        } catch (RollbackException failed) {
            if (failed.exitCode() != ExitCode.FAILED || stillThere(to.rollbackId())) {
                throw failed;
            }
            throw RollbackException.refused("the rollback point " + to.rollbackId() + " of Dokploy deployment "
                + to.id() + " no longer exists (" + failed.getMessage() + "); nothing was rolled back: run again to"
                + " choose another deployment");
        }
    }

    private boolean stillThere(String rollbackId) {
        try {
            return dokploy.deployments(target).stream().anyMatch(d -> rollbackId.equals(d.rollbackId()));
        } catch (RollbackException unknown) {
            return true; // cannot tell: keep Dokploy's own answer
        }
    }

    /**
     * Dokploy queues a redeploy and writes its deployment row only when a worker takes the job, with
     * the title sent; a deployment queued or started by someone else meanwhile appears first, so the
     * one followed is the newest new row with this tool's title, and the others are shown as ahead.
     */
    private Dokploy.Deployment follow(Set<String> before, StepContext context) throws InterruptedException {
        long deadline = System.nanoTime() + deployTimeout.toNanos();
        String lastStatus = null;
        String lastAhead = null;
        while (System.nanoTime() < deadline) {
            List<Dokploy.Deployment> fresh = dokploy.deployments(target).stream()
                .filter(d -> !before.contains(d.id())).toList();
            Dokploy.Deployment ours = fresh.stream().filter(d -> TITLE.equals(d.title())).findFirst().orElse(null);
            if (ours == null && !fresh.isEmpty()) {
                String ahead = fresh.get(0).id() + " (" + fresh.get(0).title() + ", " + fresh.get(0).status() + ")";
                if (!ahead.equals(lastAhead)) {
                    context.progress("    queued behind deployment " + ahead);
                    lastAhead = ahead;
                }
            }
            if (ours != null) {
                if (!ours.status().equals(lastStatus)) {
                    context.progress("    deployment " + ours.id() + ": " + ours.status());
                    lastStatus = ours.status();
                }
                if (ours.done()) {
                    return ours;
                }
                if (ours.finished()) {
                    throw RollbackException.failed("Dokploy deployment " + ours.id() + " ended " + ours.status()
                        + (ours.errorMessage() == null ? "" : ": " + ours.errorMessage()));
                }
            }
            Thread.sleep(pollInterval.toMillis());
        }
        throw RollbackException.failed("the Dokploy redeploy did not finish within " + deployTimeout.toMinutes()
            + " min (last status: " + (lastStatus == null ? "not started" : lastStatus)
            + (lastStatus == null && lastAhead != null ? ", queued behind deployment " + lastAhead : "") + ")");
    }
}
