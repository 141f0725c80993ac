package dev.rollback.gate;

import dev.rollback.adapters.health.AllHealthy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthWait;
import dev.rollback.adapters.health.WaitOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The gate a rollback must pass before it is called done: every given check healthy (container
 * healthchecks of the changed services plus the configured HTTP checks) on two probes in a row,
 * within the health timeout. Two in a row, because "healthy once" right after a switch can be the
 * old container answering (docker-rollout learned that "healthy" is not "serving").
 */
public final class HealthGate {
    private static final int CONSECUTIVE = 2;

    private final Duration timeout;
    private final Duration interval;
    private final BooleanSupplier cancelled;

    public HealthGate(Duration timeout, Duration interval, BooleanSupplier cancelled) {
        this.timeout = timeout;
        this.interval = interval;
        this.cancelled = cancelled;
    }

    public Duration timeout() {
        return timeout;
    }

    public WaitOutcome await(List<? extends HealthCheck> checks, Consumer<String> progress) {
        AllHealthy all = new AllHealthy("health gate", new ArrayList<>(checks));
        long[] lastReport = {System.nanoTime()};
        return HealthWait.of(all).timeout(timeout).interval(interval).consecutive(CONSECUTIVE)
            .cancelledWhen(cancelled)
            .onProbe(result -> {
                if (!result.healthy() && System.nanoTime() - lastReport[0] > 5_000_000_000L) {
                    progress.accept("    waiting for health: " + result.detail());
                    lastReport[0] = System.nanoTime();
                }
            })
            .await();
    }
}
