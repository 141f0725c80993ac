package dev.rollback.incident;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code http-checks.txt}: every configured HTTP check, probed once, as the operator's curl would. */
final class HttpChecksCollector implements Collector {
    private final Supplier<List<HealthCheck>> checks;

    HttpChecksCollector(Supplier<List<HealthCheck>> checks) {
        this.checks = checks;
    }

    @Override
    public String name() {
        return "http-checks";
    }

    @Override
    public void collect(Bundle bundle) {
        List<String> lines = new ArrayList<>();
        for (HealthCheck check : checks.get()) {
            HealthResult result = check.probe();
            lines.add("- " + check + ": " + (result.healthy() ? "healthy, " : "UNHEALTHY, ") + result.detail());
            if (!result.healthy()) {
                bundle.section(Bundle.UNHEALTHY, List.of("- " + check.name() + ": " + result.detail()));
            }
        }
        if (lines.isEmpty()) {
            lines.add("No HTTP check is configured (health.checks).");
        }
        bundle.file("http-checks.txt", String.join("\n", lines) + "\n");
        bundle.section("HTTP checks", lines);
    }
}
