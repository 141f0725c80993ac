package dev.rollback.restore;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.StepContext;
import dev.rollback.gate.DowntimeMonitor;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's downtime during a restore, as its users feel it: from just before the app services are
 * stopped until the final health gate ends. The configured HTTP checks are probed by a
 * {@link DowntimeMonitor} every 100 ms; {@code result.appDowntimeMs} is the longest time one of them
 * did not answer 2xx, and {@code stopToHealthyMs} the wall time from the stop to the gate's end
 * (what {@code appDowntimeMs} falls back to when no HTTP check is configured). It is what tells
 * the default order (the app down for the whole restore) from {@code --keep-serving} (down only for
 * the swap).
 */
final class AppDowntime {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private final List<HealthCheck> endpoints;
    private DowntimeMonitor monitor;
    private long stoppedNanos;
    private boolean measuring;

    AppDowntime(List<HealthCheck> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** The clock starts: called right before the app services are stopped; the run closes the monitor whatever happens. */
    void begin(StepContext context) {
        stoppedNanos = System.nanoTime();
        measuring = true;
        if (!endpoints.isEmpty()) {
            Map<String, HealthCheck> checks = new LinkedHashMap<>();
            endpoints.forEach(check -> checks.put(check.name(), check));
            monitor = DowntimeMonitor.start(checks, INTERVAL);
            context.hold(this::stopMonitor);
        }
    }

    /** The gate has ended, healthy or not: records what was measured, once; nothing when the app was never stopped. */
    void end(StepContext context) {
        if (!measuring) {
            return;
        }
        long stopToHealthy = (System.nanoTime() - stoppedNanos) / 1_000_000;
        Map<String, Long> perCheck = stopMonitor();
        long longest = perCheck.values().stream().mapToLong(Long::longValue).max().orElse(stopToHealthy);
        context.result("appDowntimeMs", longest).result("stopToHealthyMs", stopToHealthy);
        if (!perCheck.isEmpty()) {
            context.detail("downtimeMsPerCheck", perCheck);
        }
        measuring = false;
    }

    private synchronized Map<String, Long> stopMonitor() {
        Map<String, Long> perCheck = monitor == null ? Collections.emptyMap() : monitor.stop();
        monitor = null;
        return perCheck;
    }
}
