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
 * The wait a rollback must pass before it is called done: every given check healthy (container
 * healthchecks of the changed services plus the configured HTTP checks) on
 * {@link GatePolicy#PASSES_IN_A_ROW} probes in a row, within the health timeout. It only waits and
 * answers how the wait ended; {@link HealthGateStep} with a {@link GatePolicy} turns that into a step.
 */
public final class HealthGate {
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

    /**
     * Waits in two phases: first the containers (cheap Docker API reads), then everything, twice
     * in a row. Probing HTTP through a proxy before the new containers exist only makes the proxy
     * look up names that are not there yet; the second phase starts when they are.
     *
     * @param containers checks of the recreated containers
     * @param endpoints  the HTTP checks
     */
    public WaitOutcome await(List<? extends HealthCheck> containers, List<? extends HealthCheck> endpoints,
                             Consumer<String> progress) {
        return await(new GateChecks(List.copyOf(containers), List.copyOf(endpoints)), timeout,
            GatePolicy.PASSES_IN_A_ROW, progress);
    }

    /** As above, within {@code within} and with {@code passesInARow} healthy probes in a row (a policy's). */
    public WaitOutcome await(GateChecks checks, Duration within, int passesInARow, Consumer<String> progress) {
        long deadline = System.nanoTime() + within.toNanos();
        if (!checks.containers().isEmpty()) {
            WaitOutcome up = wait(new AllHealthy("containers", checks.containers()), 1, within, progress);
            if (!up.healthy()) {
                return up;
            }
        }
        List<HealthCheck> all = new ArrayList<>(checks.containers());
        all.addAll(checks.endpoints());
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return wait(new AllHealthy("health gate", all), passesInARow, left, progress);
    }

    private WaitOutcome wait(HealthCheck check, int consecutive, Duration within, Consumer<String> progress) {
        long[] lastReport = {System.nanoTime()};
        return HealthWait.of(check).timeout(within).interval(interval).consecutive(consecutive)
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
