package dev.rollback.watch;

import dev.rollback.adapters.health.HealthResult;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The watch itself: a round of probes at once, then one every interval until the window ends,
 * each counted by a {@link FailureStreak}. It ends early when the streak reaches its limit (bad)
 * or the run is interrupted. A window that ends in the middle of a streak is not called healthy:
 * the watch goes on, one round per interval, until a healthy round ends the streak or it reaches
 * the limit, so at most {@code failures - 1} rounds past the window. Ctrl-C is noticed within
 * {@value #POLL_MILLIS} ms, between rounds and (through the round's own cancellation) inside one;
 * a round cut by Ctrl-C is not counted.
 */
public final class HealthWatch {
    static final long POLL_MILLIS = 50;
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** How a watch ended. */
    public enum Verdict {
        HEALTHY, BAD, INTERRUPTED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The verdict, how many rounds ran, how long the watch took, and the failed rounds. */
    public record Outcome(Verdict verdict, int rounds, long watchedMs, FailureStreak streak) {
    }

    private final WatchWindow window;
    private final Supplier<List<HealthResult>> round;
    private final WatchClock clock;
    private final BooleanSupplier cancelled;

    /** @param round one round: every check probed once, each bounded; one result per check */
    public HealthWatch(WatchWindow window, Supplier<List<HealthResult>> round, WatchClock clock,
                       BooleanSupplier cancelled) {
        this.window = window;
        this.round = round;
        this.clock = clock;
        this.cancelled = cancelled;
    }

    public Outcome run(Consumer<String> progress) {
        FailureStreak streak = new FailureStreak(window.failures());
        long start = clock.nanos();
        long end = start + window.window().toNanos();
        long interval = window.interval().toNanos();
        long lastHeard = start;
        int rounds = 0;
        while (true) {
            long roundStart = clock.nanos();
            List<HealthResult> results = round.get();
            if (cancelled.getAsBoolean()) {
                return new Outcome(Verdict.INTERRUPTED, rounds, elapsedMs(start), streak);
            }
            rounds++;
            int before = streak.inARow();
            if (streak.count(rounds, clock.now().truncatedTo(ChronoUnit.MILLIS), results)) {
                progress.accept("    round " + rounds + " failed (" + streak.inARow() + " in a row): the deploy is bad");
                return new Outcome(Verdict.BAD, rounds, elapsedMs(start), streak);
            }
            if (streak.inARow() > 0) {
                progress.accept("    round " + rounds + " failed (" + streak.inARow() + " of " + window.failures()
                    + " in a row): " + String.join("; ", streak.failedRounds().get(streak.failedRounds().size() - 1)
                    .failing()));
                lastHeard = clock.nanos();
            } else if (before > 0 || clock.nanos() - lastHeard >= HEARTBEAT_NANOS) {
                progress.accept("    round " + rounds + " healthy" + (before > 0 ? " again: the failure count starts over"
                    : "") + "; " + (Math.max(0, end - clock.nanos()) / 1_000_000_000L) + " s of the window left");
                lastHeard = clock.nanos();
            }
            long next = roundStart + interval;
            if (next >= end && streak.inARow() == 0) {
                return new Outcome(Verdict.HEALTHY, rounds, elapsedMs(start), streak);
            }
            if (!sleepUntil(next)) {
                return new Outcome(Verdict.INTERRUPTED, rounds, elapsedMs(start), streak);
            }
        }
    }

    /** False when the run was interrupted meanwhile. */
    private boolean sleepUntil(long deadline) {
        try {
            for (long left = deadline - clock.nanos(); left > 0; left = deadline - clock.nanos()) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                clock.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !cancelled.getAsBoolean();
    }

    private long elapsedMs(long start) {
        return (clock.nanos() - start) / 1_000_000;
    }
}
