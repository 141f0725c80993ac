package dev.rollback.recreate;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.StepContext;
import dev.rollback.gate.AroundGate;
import dev.rollback.gate.DowntimeMonitor;
import dev.rollback.gate.GateChecks;
import dev.rollback.release.RollbackTarget;
import dev.rollback.release.RunningStack;
import java.time.Duration;
import java.util.Map;

/**
 * What the steps of one recreate share: the target, what ran before, the downtime monitor. Around
 * the health gate it stops the downtime clock: {@code result.downtimeMs} is, per HTTP check, the
 * time it did not answer 2xx during the run, and {@code stopToHealthyMs} the time from the stop.
 */
final class RecreateRun implements AroundGate {
    private static final Duration MONITOR_INTERVAL = Duration.ofMillis(100);

    RollbackTarget target;
    Map<String, RunningStack.Service> before = Map.of();
    private DowntimeMonitor monitor;
    private long startedNanos;

    void startMonitor(Map<String, HealthCheck> checks) {
        startedNanos = System.nanoTime();
        if (!checks.isEmpty()) {
            monitor = DowntimeMonitor.start(checks, MONITOR_INTERVAL);
        }
    }

    /** Stops the monitor: per check, the milliseconds it did not answer; empty without checks. */
    private Map<String, Long> stopMonitor() {
        Map<String, Long> downtime = monitor == null ? Map.of() : monitor.stop();
        monitor = null;
        return downtime;
    }

    private long millisSinceStop() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void waited(long waitStartedNanos, GateChecks checks, StepContext context) {
        context.result("downtimeMs", stopMonitor()).result("stopToHealthyMs", millisSinceStop());
    }
}
