package dev.rollback.gate;

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
 * healthchecks of the changed services plus the configured HTTP checks, all probed at the same
 * time) on {@link GatePolicy#PASSES_IN_A_ROW} rounds in a row, within the health timeout. It only
 * waits and answers how the wait ended; {@link HealthGateStep} with a {@link GatePolicy} turns
 * that into a step.
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
     * Waits until the containers and the HTTP checks are healthy together, twice in a row.
     *
     * @param containers checks of the recreated containers
     * @param endpoints  the HTTP checks
     */
    public WaitOutcome await(List<? extends HealthCheck> containers, List<? extends HealthCheck> endpoints,
                             Consumer<String> progress) {
        return await(new GateChecks(List.copyOf(containers), List.copyOf(endpoints)), timeout,
            GatePolicy.PASSES_IN_A_ROW, progress);
    }

    /**
     * As above, within {@code within} and with {@code passesInARow} healthy rounds in a row (a
     * policy's). Each round probes every check at the same time ({@link ProbeRound}: it takes as
     * long as the slowest probe, and a probe still running at the deadline is cut there); the next
     * round starts the configured interval after one ends. The first round starts at once: the
     * switch has returned, so the new containers exist and a proxy in front can resolve them.
     */
    public WaitOutcome await(GateChecks checks, Duration within, int passesInARow, Consumer<String> progress) {
        List<HealthCheck> all = new ArrayList<>(checks.containers());
        all.addAll(checks.endpoints());
        try (ProbeRound round = new ProbeRound("health gate", all, System.nanoTime() + within.toNanos(), cancelled)) {
            return wait(round, passesInARow, within, progress);
        }
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
