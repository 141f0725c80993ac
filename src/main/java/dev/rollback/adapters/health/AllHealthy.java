package dev.rollback.adapters.health;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several checks as one: healthy only when every check is. Every check is probed, even after one
 * fails, so the detail names every failure at once instead of one per attempt.
 */
public final class AllHealthy implements HealthCheck {
    private final String name;
    private final List<HealthCheck> checks;

    public AllHealthy(String name, List<? extends HealthCheck> checks) {
        this.name = name;
        this.checks = List.copyOf(checks);
    }

    public static AllHealthy of(HealthCheck... checks) {
        return new AllHealthy("all", List.of(checks));
    }

    @Override
    public String name() {
        return name;
    }

    public List<HealthCheck> checks() {
        return checks;
    }

    /** One result per check, in order, for reports that list each check. */
    public List<HealthResult> probeEach() {
        return checks.stream().map(HealthCheck::probe).toList();
    }

    /**
     * Healthy detail lists every check ("http:api: 200 in 4 ms; container:db: running, healthy");
     * unhealthy detail lists only the failures, with a count. No checks at all is healthy, with a
     * detail that says so; whether that is acceptable is the caller's decision.
     */
    @Override
    public HealthResult probe() {
        return combine(name, probeEach());
    }

    /**
     * Several checks' results as one under {@code name}, as {@link #probe} words it; for callers
     * that run the probes themselves (the health gate probes them all at the same time).
     */
    public static HealthResult combine(String name, List<HealthResult> results) {
        if (results.isEmpty()) {
            return HealthResult.healthy(name, "no checks");
        }
        List<HealthResult> failures = results.stream().filter(result -> !result.healthy()).toList();
        if (failures.isEmpty()) {
            return HealthResult.healthy(name, join(results));
        }
        return HealthResult.unhealthy(name, failures.size() + " of " + results.size() + " unhealthy: " + join(failures));
    }

    private static String join(List<HealthResult> results) {
        return results.stream()
            .map(result -> result.name() + ": " + result.detail())
            .collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return name + checks;
    }
}
