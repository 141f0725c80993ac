package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Swarm;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.DowntimeMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Swarm with an empty ledger: the Engine's own server-side rollback to each service's previous
 * spec. The last resort only: after two quick deploys "previous" is the middle one, which is why
 * a recorded release is preferred whenever the ledger has one.
 */
final class SwarmPreviousSpecStep implements Step {
    private final Swarm swarm;
    private final String stack;
    private final List<String> onlyServices;
    private final Switch change;
    private final Duration timeout;
    private final Function<List<String>, Map<String, HealthCheck>> monitored;

    SwarmPreviousSpecStep(Swarm swarm, String stack, List<String> onlyServices, Switch change, Duration timeout,
                          Function<List<String>, Map<String, HealthCheck>> monitored) {
        this.swarm = swarm;
        this.stack = stack;
        this.onlyServices = onlyServices;
        this.change = change;
        this.timeout = timeout;
        this.monitored = monitored;
    }

    @Override
    public String id() {
        return "swarm-rollback-previous";
    }

    @Override
    public String description() {
        return "no release recorded: roll " + (change.changes.isEmpty() ? "the stack's services"
            : String.join(", ", change.services())) + " back to their previous Swarm spec (rollback=previous)";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    /**
     * The services to roll back: those named (each must have a previous spec), or every service of
     * the stack that has one. A service never updated since it was created (a database the deploys
     * leave alone) has nothing to go back to and is left as it is; it is checked here, before any
     * service is touched, so a refusal never comes after a rollback already happened.
     */
    @Override
    public void check(StepContext context) {
        List<ServiceChange> changes = new ArrayList<>();
        List<String> neverUpdated = new ArrayList<>();
        for (Swarm.SwarmService service : swarm.stackServices(stack)) {
            String name = service.name().substring(stack.length() + 1);
            if (!onlyServices.isEmpty() && !onlyServices.contains(name)) {
                continue;
            }
            if (swarm.hasPreviousSpec(service.id())) {
                changes.add(new ServiceChange(name, service.image(), service.imageId(), null, null));
            } else {
                neverUpdated.add(name);
            }
        }
        if (!onlyServices.isEmpty() && !neverUpdated.isEmpty()) {
            throw RollbackException.refused("service " + stack + "_" + neverUpdated.get(0) + " has no previous spec"
                + " to roll back to (it was never updated); roll back to a recorded release instead");
        }
        if (changes.isEmpty()) {
            throw RollbackException.refused(neverUpdated.isEmpty()
                ? "no Swarm services of stack " + stack + (onlyServices.isEmpty() ? "" : " named "
                    + String.join(", ", onlyServices))
                : "no service of stack " + stack + " was ever updated (" + String.join(", ", neverUpdated)
                    + "): there is no previous spec to roll back to");
        }
        change.changes = changes;
        context.detail("services", change.services());
        if (!neverUpdated.isEmpty()) {
            context.detail("neverUpdated", neverUpdated);
        }
    }

    @Override
    public void apply(StepContext context) {
        change.startedNanos = System.nanoTime();
        change.monitor = DowntimeMonitor.start(monitored.apply(change.services()), Duration.ofMillis(200));
        try {
            for (ServiceChange c : change.changes) {
                swarm.rollbackToPrevious(stack + "_" + c.service());
            }
            for (ServiceChange c : change.changes) {
                Swarm.Convergence convergence = swarm.awaitConverged(stack + "_" + c.service(), timeout);
                context.detail(c.service(), convergence.detail());
                if (!convergence.converged()) {
                    throw RollbackException.failed("service " + stack + "_" + c.service() + " did not converge: "
                        + convergence.detail());
                }
            }
        } catch (RuntimeException e) {
            change.monitor.stop();
            throw e;
        }
        context.result("releaseLeft", "unrecorded").result("releaseReached", "previous Swarm spec")
            .result("services", change.services());
    }
}
