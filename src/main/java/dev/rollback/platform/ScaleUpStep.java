package dev.rollback.platform;

import dev.rollback.adapters.docker.Swarm;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.Map;

/** Swarm's "start application": each app service back to the replica count it had. */
final class ScaleUpStep implements Step {
    private final Swarm swarm;
    private final String stack;
    private final SwarmReplicas replicas;
    private final Duration timeout;

    ScaleUpStep(Swarm swarm, String stack, SwarmReplicas replicas, Duration timeout) {
        this.swarm = swarm;
        this.stack = stack;
        this.replicas = replicas;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return "start-app";
    }

    @Override
    public String description() {
        return "scale the app services back to their replica counts";
    }

    @Override
    public void apply(StepContext context) {
        scaleBack(swarm, stack, replicas, timeout);
        context.detail("replicas", replicas.before);
    }

    static void scaleBack(Swarm swarm, String stack, SwarmReplicas replicas, Duration timeout) {
        for (Map.Entry<String, Integer> entry : replicas.before.entrySet()) {
            swarm.scale(stack + "_" + entry.getKey(), entry.getValue());
        }
        for (Map.Entry<String, Integer> entry : replicas.before.entrySet()) {
            Swarm.Convergence running = swarm.awaitScaled(stack + "_" + entry.getKey(), entry.getValue(), timeout);
            if (!running.converged()) {
                throw RollbackException.failed(stack + "_" + entry.getKey() + " did not come back: " + running.detail());
            }
        }
    }
}
