package dev.rollback.adapters.health;

/**
 * One probe of something that should be healthy: an HTTP endpoint, a container healthcheck, or a
 * combination. {@link #probe} tries once and never throws for an unhealthy answer.
 */
public interface HealthCheck {
    /** Short name for reports, e.g. {@code http:api} or {@code container:backend}. */
    String name();

    HealthResult probe();
}
