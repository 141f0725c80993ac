package dev.rollback.core.config;

import java.time.Duration;
import java.util.List;

/** {@code health:} the health gate: HTTP checks and how long to wait for them. */
public record HealthConfig(Duration timeout, Duration interval, List<HttpCheckConfig> checks) {
    public HealthConfig {
        timeout = timeout != null ? timeout : Duration.ofSeconds(120);
        interval = interval != null ? interval : Duration.ofMillis(250);
        checks = checks != null ? List.copyOf(checks) : List.of();
    }
}
