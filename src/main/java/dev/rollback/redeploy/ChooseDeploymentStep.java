package dev.rollback.redeploy;

import dev.rollback.adapters.dokploy.Dokploy;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * The runbook's "find the previous deployment that worked": for an application, the newest
 * deployment older than the current one that finished {@code done} and has a rollback point;
 * {@code --to} picks one by id. Compose projects have no Dokploy rollback, and an application
 * without rollback points can only be redeployed.
 */
final class ChooseDeploymentStep implements Step {
    private final Dokploy dokploy;
    private final Dokploy.Target target;
    private final String wanted;
    private final DokployChoice choice;

    ChooseDeploymentStep(Dokploy dokploy, Dokploy.Target target, String wanted, DokployChoice choice) {
        this.dokploy = dokploy;
        this.target = target;
        this.wanted = wanted;
        this.choice = choice;
    }

    @Override
    public String id() {
        return "choose-deployment";
    }

    @Override
    public String description() {
        if (choice.current == null) {
            return "find the last good deployment in " + dokploy.describe();
        }
        return choice.rollbackTo == null ? "no rollback point before deployment " + choice.current.id() + ": redeploy"
            : "roll back to deployment " + choice.rollbackTo.id() + " (" + choice.rollbackTo.title() + ")";
    }

    @Override
    public void check(StepContext context) {
        List<Dokploy.Deployment> deployments = dokploy.deployments(target);
        if (deployments.isEmpty()) {
            throw RollbackException.refused(dokploy.describe() + " has no deployments of " + target.id()
                + "; nothing to roll back to");
        }
        choice.current = deployments.get(0);
        List<Dokploy.Deployment> older = deployments.subList(1, deployments.size());
        if (!"previous".equals(wanted)) {
            choice.rollbackTo = older.stream().filter(d -> d.id().equals(wanted)).findFirst()
                .filter(d -> d.rollbackId() != null)
                .orElseThrow(() -> RollbackException.refused("deployment " + wanted
                    + " is not an earlier deployment with a rollback point"));
        } else if (target.kind() == Dokploy.Target.Kind.APPLICATION) {
            choice.rollbackTo = older.stream().filter(d -> d.done() && d.rollbackId() != null).findFirst().orElse(null);
        }
        context.detail("current", choice.current.id() + " (" + choice.current.status() + ")")
            .detail("action", choice.rollbackTo == null ? "redeploy" : "rollback to " + choice.rollbackTo.id());
    }

    @Override
    public void apply(StepContext context) {
        context.result("deploymentLeft", choice.current.id());
    }
}
