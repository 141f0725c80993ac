package dev.rollback.platform;

import dev.rollback.adapters.docker.Swarm;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.List;

/** Swarm's "stop application": each app service scaled to 0, its replica count remembered; undo scales back. */
final class ScaleDownStep implements Step {
    private final Swarm swarm;
    private final String stack;
    private final List<String> services;
    private final SwarmReplicas replicas;
    private final Duration timeout;

    ScaleDownStep(Swarm swarm, String stack, List<String> services, SwarmReplicas replicas, Duration timeout) {
        this.swarm = swarm;
        this.stack = stack;
        this.services = services;
        this.replicas = replicas;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return "stop-app";
    }

    @Override
    public String description() {
        return "scale " + String.join(", ", services) + " to 0 so nothing writes during the restore";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        for (String service : services) {
            replicas.before.put(service, swarm.scale(stack + "_" + service, 0));
        }
        for (String service : services) {
            Swarm.Convergence stopped = swarm.awaitScaled(stack + "_" + service, 0, timeout);
            if (!stopped.converged()) {
                throw RollbackException.failed(stack + "_" + service + " did not stop: " + stopped.detail());
            }
        }
        context.detail("replicasBefore", replicas.before);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        ScaleUpStep.scaleBack(swarm, stack, replicas, timeout);
        context.detail("restored", replicas.before);
    }
}
