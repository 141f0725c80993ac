package dev.rollback.bluegreen;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HttpCheck;
import java.net.URI;
import java.time.Duration;

/**
 * A GET from this machine to a published port, as a health check (200 passes). The one place such
 * checks are made, so the in-memory world of the unit tests can answer them.
 */
@FunctionalInterface
public interface HostHttp {
    Duration TIMEOUT = Duration.ofSeconds(3);

    HealthCheck get(String name, URI url);

    /** Real HTTP, with a 3 s timeout per request. */
    static HostHttp direct() {
        return (name, url) -> new HttpCheck(name, url, 200, null, TIMEOUT);
    }
}
