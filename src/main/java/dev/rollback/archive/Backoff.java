package dev.rollback.archive;

import java.time.Duration;

/**
 * How long the archiver waits before restarting pg_receivewal: 1 s, doubling up to {@link #MAX}; a run that
 * lasted {@link #STABLE} or longer starts the count again, so a server restart a week later waits 1 s.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration STABLE = Duration.ofMinutes(5);

    private Duration next = FIRST;

    /** The wait before the next start, after a run that lasted {@code ran}. */
    Duration after(Duration ran) {
        if (ran.compareTo(STABLE) >= 0) {
            next = FIRST;
        }
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return wait;
    }
}
