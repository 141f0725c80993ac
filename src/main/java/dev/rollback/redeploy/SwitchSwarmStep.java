package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.RollbackException;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Swarm: points each service at an immutable reference to the release's image (its registry digest,
 * which the nodes that run the tasks can pull; without one, the release's protective tag, which
 * only this host has; a mutable tag such as {@code app:latest} would make Swarm keep its old task),
 * then waits until every service converged. Undo points them back at what they ran.
 */
final class SwitchSwarmStep extends SwitchStep {
    private final Swarm swarm;
    private final String stack;
    private final Duration timeout;

    SwitchSwarmStep(Swarm swarm, String stack, Switch change, Duration timeout,
                    Function<List<String>, Map<String, HealthCheck>> monitored, boolean undoOnFailure) {
        super(change, monitored, undoOnFailure);
        this.swarm = swarm;
        this.stack = stack;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return "switch-services";
    }

    @Override
    protected String verb() {
        return "update";
    }

    @Override
    protected void switchServices(StepContext context) {
        for (ServiceChange c : change.changes) {
            swarm.updateImage(serviceName(c.service()), c.targetTag());
        }
        awaitAll(context, change.services());
    }

    @Override
    protected List<String> restore(StepContext context) {
        List<String> restored = change.changes.stream().filter(c -> c.fromImageId() != null)
            .peek(c -> swarm.updateImage(serviceName(c.service()), c.image())).map(ServiceChange::service).toList();
        awaitAll(context, restored);
        return restored;
    }

    private void awaitAll(StepContext context, List<String> services) {
        for (String service : services) {
            Swarm.Convergence convergence = swarm.awaitConverged(serviceName(service), timeout);
            context.detail(service, convergence.detail());
            if (!convergence.converged()) {
                throw RollbackException.failed("service " + serviceName(service) + " did not converge: "
                    + convergence.detail());
            }
        }
    }

    private String serviceName(String service) {
        return stack + "_" + service;
    }
}
