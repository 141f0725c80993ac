package dev.rollback.watch;

import java.util.List;

/**
 * What a watch found, as the report's {@code result}: {@code verdict} ({@code healthy}, {@code bad},
 * {@code interrupted}), how many rounds ran and how long it watched, how many rounds failed and the
 * newest of them with their failing checks and when.
 */
public record WatchResult(String verdict, int rounds, long watchedMs, int failedRoundsTotal,
                          List<FailedRound> failedRounds) {

    public static final String BAD = HealthWatch.Verdict.BAD.wire();

    static WatchResult of(HealthWatch.Outcome outcome) {
        return new WatchResult(outcome.verdict().wire(), outcome.rounds(), outcome.watchedMs(),
            outcome.streak().failedTotal(), outcome.streak().failedRounds());
    }

    public boolean bad() {
        return BAD.equals(verdict);
    }
}
