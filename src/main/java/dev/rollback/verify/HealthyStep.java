package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Post-rollback verification, check 2: the service's Docker healthcheck says healthy. A container still
 * {@code starting} (just recreated by a rollback) is waited for up to the health timeout; one that
 * is unhealthy or not running fails at once rather than burning the timeout.
 */
final class HealthyStep implements Step {
    private static final Duration POLL = Duration.ofMillis(250);
    private final ServiceContainers containers;
    private final Duration timeout;
    private final BooleanSupplier cancelled;

    HealthyStep(ServiceContainers containers, Duration timeout, BooleanSupplier cancelled) {
        this.containers = containers;
        this.timeout = timeout;
        this.cancelled = cancelled;
    }

    @Override
    public String id() {
        return "healthy:" + containers.service();
    }

    @Override
    public String description() {
        return "healthcheck of " + containers.service() + " passes";
    }

    /** A container just (re)created reports "starting" until its first probes ran: wait that out only. */
    private ContainerInfo waitWhileStarting(ContainerInfo container) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ContainerInfo current = container;
        while (current.running() && "starting".equals(current.health()) && System.nanoTime() < deadline
            && !cancelled.getAsBoolean()) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = containers.docker().container(container.id()).orElse(current);
        }
        return current;
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void apply(StepContext context) {
        List<ContainerInfo> all = containers.require();
        if (all.stream().noneMatch(ContainerInfo::hasHealthcheck)) {
            context.skip("no healthcheck defined for " + containers.service());
            return;
        }
        for (ContainerInfo container : all) {
            ContainerInfo settled = waitWhileStarting(container);
            context.detail(settled.name(), ServiceContainers.describe(settled) + ", " + settled.health());
            if (!settled.running()) {
                throw RollbackException.failed(ServiceContainers.describe(settled) + ", so it cannot be healthy");
            }
            if (!"healthy".equals(settled.health())) {
                throw RollbackException.failed(settled.name() + " is " + settled.health()
                    + ("starting".equals(settled.health()) ? " after " + timeout.toSeconds() + " s" : ""));
            }
        }
    }
}
