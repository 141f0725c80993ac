package dev.rollback.adapters.health;

/** Outcome of one probe; {@code detail} says what was seen ("200 in 12 ms", "connection refused"). */
public record HealthResult(String name, boolean healthy, String detail) {
    public static HealthResult healthy(String name, String detail) {
        return new HealthResult(name, true, detail);
    }

    public static HealthResult unhealthy(String name, String detail) {
        return new HealthResult(name, false, detail);
    }
}
