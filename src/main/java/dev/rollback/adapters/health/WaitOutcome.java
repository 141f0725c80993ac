package dev.rollback.adapters.health;

import java.time.Duration;
import java.util.Locale;

/**
 * How a {@link HealthWait} ended. A wait never throws on timeout: the caller decides whether an
 * unhealthy outcome fails a step, is reported, or triggers something else.
 *
 * @param last     the last probe's result (for a wait cancelled before its first probe, a
 *                 synthetic unhealthy result saying so)
 * @param attempts how many probes ran
 */
public record WaitOutcome(Status status, HealthResult last, int attempts, Duration elapsed) {
    public enum Status {
        /** The check was healthy for the required number of consecutive probes. */
        HEALTHY,
        /** The time or the attempts ran out first. */
        UNHEALTHY,
        /** The cancellation signal (or thread interruption) stopped the wait. */
        CANCELLED
    }

    public boolean healthy() {
        return status == Status.HEALTHY;
    }

    /** One line for reports, e.g. "still unhealthy after 40 probes in 120.0 s: 503 Service Unavailable". */
    public String summary() {
        String done = switch (status) {
            case HEALTHY -> "healthy";
            case UNHEALTHY -> "still unhealthy";
            case CANCELLED -> "cancelled";
        };
        return done + " after " + attempts + (attempts == 1 ? " probe" : " probes") + " in "
            + format(elapsed) + ": " + last.detail();
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
