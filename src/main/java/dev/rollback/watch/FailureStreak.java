package dev.rollback.watch;

import dev.rollback.adapters.health.HealthResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The judgement of a watch, round by round: {@code limit} failed rounds in a row make the deploy
 * bad; one healthy round resets the count, because a single blip (a slow answer, a container
 * restarting once) is not a bad deploy. Keeps the newest failed rounds for the report.
 */
public final class FailureStreak {
    /** Failed rounds kept for the report: the newest ones, so a long flaky window stays readable. */
    static final int KEPT = 20;

    private final int limit;
    private final Deque<FailedRound> failed = new ArrayDeque<>();
    private int inARow;
    private int failedTotal;

    public FailureStreak(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the failure limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /** Counts one round's results; true when this round makes the deploy bad. */
    public boolean count(int round, Instant at, List<HealthResult> results) {
        List<String> failing = results.stream().filter(result -> !result.healthy())
            .map(result -> result.name() + ": " + result.detail()).toList();
        if (failing.isEmpty()) {
            inARow = 0;
            return false;
        }
        inARow++;
        failedTotal++;
        failed.addLast(new FailedRound(round, at, failing));
        if (failed.size() > KEPT) {
            failed.removeFirst();
        }
        return inARow >= limit;
    }

    /** Failed rounds since the last healthy one. */
    public int inARow() {
        return inARow;
    }

    public boolean bad() {
        return inARow >= limit;
    }

    /** Every failed round of the watch, counted (the report keeps only the newest {@value #KEPT}). */
    public int failedTotal() {
        return failedTotal;
    }

    /** The newest failed rounds, oldest first. */
    public List<FailedRound> failedRounds() {
        return List.copyOf(failed);
    }
}
