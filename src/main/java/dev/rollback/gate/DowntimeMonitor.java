package dev.rollback.gate;

import dev.rollback.adapters.health.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures downtime during a switch: each check is probed in its own thread every
 * {@code interval} from {@link #start} to {@link #stop}; the time between a failed probe and the
 * previous one counts as down. The figures land in the report ("per-service downtime").
 */
public final class DowntimeMonitor {
    private final Map<String, Long> downMillis = new ConcurrentHashMap<>();
    private final List<Thread> threads;
    private volatile boolean running = true;

    private DowntimeMonitor(Map<String, HealthCheck> checks, Duration interval) {
        checks.keySet().forEach(key -> downMillis.put(key, 0L));
        this.threads = checks.entrySet().stream().map(e -> {
            Thread thread = new Thread(() -> watch(e.getKey(), e.getValue(), interval), "downtime-" + e.getKey());
            thread.setDaemon(true);
            return thread;
        }).toList();
    }

    /** @param checks name in the report → what to probe */
    public static DowntimeMonitor start(Map<String, HealthCheck> checks, Duration interval) {
        DowntimeMonitor monitor = new DowntimeMonitor(checks, interval);
        monitor.threads.forEach(Thread::start);
        return monitor;
    }

    private void watch(String key, HealthCheck check, Duration interval) {
        long last = System.nanoTime();
        while (running) {
            boolean healthy = check.probe().healthy();
            long now = System.nanoTime();
            if (!healthy) {
                downMillis.merge(key, (now - last) / 1_000_000, Long::sum);
            }
            last = now;
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops probing; name → milliseconds seen down, in the order the checks were given. */
    public Map<String, Long> stop() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        threads.forEach(t -> {
            String key = t.getName().substring("downtime-".length());
            ordered.put(key, downMillis.get(key));
        });
        return ordered;
    }
}
