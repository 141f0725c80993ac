package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.DowntimeMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Swarm: points each service at the release's protective tag (an immutable local reference to the
 * recorded image; a mutable tag such as {@code app:latest} would make Swarm keep its old task),
 * then waits until every service converged. Undo points them back at what they ran.
 */
final class SwitchSwarmStep implements Step {
    private static final Duration MONITOR_INTERVAL = Duration.ofMillis(200);

    private final Swarm swarm;
    private final String stack;
    private final Switch change;
    private final Duration timeout;
    private final Function<List<String>, Map<String, HealthCheck>> monitored;
    private final boolean undoOnFailure;

    SwitchSwarmStep(Swarm swarm, String stack, Switch change, Duration timeout,
                    Function<List<String>, Map<String, HealthCheck>> monitored, boolean undoOnFailure) {
        this.swarm = swarm;
        this.stack = stack;
        this.change = change;
        this.timeout = timeout;
        this.monitored = monitored;
        this.undoOnFailure = undoOnFailure;
    }

    @Override
    public String id() {
        return "switch-services";
    }

    @Override
    public String description() {
        if (change.target == null) {
            return "update the Swarm services to the release's images";
        }
        return change.nothingToDo() ? "nothing to switch: the services already run release " + change.target.id()
            : "update " + String.join(", ", change.services()) + " to the images of release " + change.target.id();
    }

    @Override
    public boolean destructive() {
        return !change.nothingToDo();
    }

    @Override
    public void apply(StepContext context) {
        if (change.nothingToDo()) {
            context.skip("the services already run release " + change.target.id());
            return;
        }
        change.startedNanos = System.nanoTime();
        change.monitor = DowntimeMonitor.start(monitored.apply(change.services()), MONITOR_INTERVAL);
        try {
            for (ServiceChange c : change.changes) {
                swarm.updateImage(serviceName(c.service()), c.targetTag());
            }
            awaitAll(context, change.changes.stream().map(ServiceChange::service).toList());
        } catch (RuntimeException e) {
            change.monitor.stop();
            throw e;
        }
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

    @Override
    public boolean undoable() {
        return undoOnFailure && !change.nothingToDo();
    }

    @Override
    public void undo(StepContext context) {
        List<String> restored = change.changes.stream().filter(c -> c.fromImageId() != null)
            .peek(c -> swarm.updateImage(serviceName(c.service()), c.image())).map(ServiceChange::service).toList();
        awaitAll(context, restored);
        context.detail("restored", restored);
    }
}
