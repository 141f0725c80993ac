package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.health.ContainerHealthCheck;
import dev.rollback.adapters.health.HealthWait;
import dev.rollback.adapters.health.WaitOutcome;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Seed 004, check 2: the service's Docker healthcheck says healthy. A container still
 * {@code starting} (just recreated by a rollback) is waited for up to the health timeout; one that
 * is not running fails at once rather than burning the timeout.
 */
final class HealthyStep implements Step {
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
            if (!container.running()) {
                throw RollbackException.failed(ServiceContainers.describe(container) + ", so it cannot be healthy");
            }
            WaitOutcome outcome = HealthWait.of(ContainerHealthCheck.container(containers.docker(), container.id()))
                .timeout(timeout).interval(Duration.ofMillis(500)).cancelledWhen(cancelled).await();
            context.detail(container.name(), outcome.summary());
            if (!outcome.healthy()) {
                throw RollbackException.failed(container.name() + ": " + outcome.summary());
            }
        }
    }
}
