package dev.rollback.recreate;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.gate.DowntimeMonitor;
import dev.rollback.release.RollbackTarget;
import dev.rollback.release.RunningStack;
import java.time.Duration;
import java.util.Map;

/** What the steps of one recreate share: the target, what ran before, the downtime monitor. */
final class RecreateRun {
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
    Map<String, Long> stopMonitor() {
        Map<String, Long> downtime = monitor == null ? Map.of() : monitor.stop();
        monitor = null;
        return downtime;
    }

    long millisSinceStop() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
