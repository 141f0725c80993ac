package dev.rollback.adapters.digitalocean;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waits out DigitalOcean's rate limit and sends the refused request again, within one bound for the
 * whole run: the per-minute limit resets within a minute, so a burst of polls costs a pause, while
 * the hourly limit (reset up to an hour away) or a limit without a reset time is exit 4 at once,
 * saying when to run again. A 429 is a refusal, so sending a rebuild or a droplet creation again
 * cannot do it twice.
 */
final class RateLimits {
    /** The most this client (one run) waits for rate limits in all. */
    static final Duration RUN_BOUND = Duration.ofSeconds(90);

    /** Sleeps; a field so tests need not. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private Duration left;

    RateLimits(Duration bound, Clock clock, Sleeper sleeper) {
        this.left = bound;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static RateLimits live() {
        return new RateLimits(RUN_BOUND, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
    }

    /** {@code call}'s answer, sent again after each rate limit it meets while the bound allows. */
    <T> T retrying(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (RateLimited limited) {
                waitOut(limited);
            }
        }
    }

    private synchronized void waitOut(RateLimited limited) {
        Instant now = clock.instant();
        if (limited.resetAt() == null) {
            throw new RollbackException(ExitCode.UNREACHABLE, limited.getMessage() + "; wait a minute and run again");
        }
        // Reset times are whole seconds: a second more, so the retry is not refused again.
        Duration wait = Duration.between(now, limited.resetAt()).plusSeconds(1);
        if (wait.isNegative()) {
            wait = Duration.ofSeconds(1);
        }
        if (wait.compareTo(left) > 0) {
            throw new RollbackException(ExitCode.UNREACHABLE, limited.getMessage() + "; the limit resets at "
                + limited.resetAt() + ", beyond the " + left.toSeconds() + " s this run still waits for it: run again then");
        }
        left = left.minus(wait);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while waiting out DigitalOcean's rate limit");
        }
    }
}
