package dev.rollback.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.health.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The watch's judgement on a fake clock: failures in a row, a recovery resetting them, the window's end, Ctrl-C. */
class HealthWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    /** Time that moves only when the watch sleeps or a probe takes time. */
    private static class FakeClock implements WatchClock {
        long nanos;

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public Instant now() {
            return T0.plusNanos(nanos);
        }

        @Override
        public void sleep(long duration) {
            nanos += duration;
        }
    }

    /** Rounds answered from a script, one letter per round: h healthy, f the api failing; the last repeats. */
    private static class Script implements Supplier<List<HealthResult>> {
        private final String rounds;
        private final FakeClock clock;
        final List<Long> startedAt = new ArrayList<>();

        Script(String rounds, FakeClock clock) {
            this.rounds = rounds;
            this.clock = clock;
        }

        @Override
        public List<HealthResult> get() {
            startedAt.add(TimeUnit.NANOSECONDS.toMillis(clock.nanos));
            char round = rounds.charAt(Math.min(startedAt.size() - 1, rounds.length() - 1));
            clock.nanos += TimeUnit.MILLISECONDS.toNanos(30);   // a probe takes a little time
            return List.of(HealthResult.healthy("container:backend", "running, healthy"), round == 'h'
                ? HealthResult.healthy("http:api", "200 in 3 ms") : HealthResult.unhealthy("http:api", "500 in 2 ms"));
        }
    }

    private final FakeClock clock = new FakeClock();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<String> progress = new ArrayList<>();

    private HealthWatch.Outcome watch(String script, int failures, long forSeconds, Script[] used) {
        Script rounds = new Script(script, clock);
        used[0] = rounds;
        WatchWindow window = new WatchWindow(Duration.ofSeconds(forSeconds), failures, Duration.ofSeconds(1));
        return new HealthWatch(window, rounds, clock, cancelled::get).run(progress::add);
    }

    @Test
    void aHealthyWindowEndsHealthyAfterOneRoundPerInterval() {
        Script[] rounds = new Script[1];

        HealthWatch.Outcome outcome = watch("h", 2, 5, rounds);

        assertThat(outcome.verdict()).isEqualTo(HealthWatch.Verdict.HEALTHY);
        assertThat(rounds[0].startedAt).containsExactly(0L, 1000L, 2000L, 3000L, 4000L);
        assertThat(outcome.streak().failedTotal()).isZero();
        assertThat(progress).as("quiet while healthy").isEmpty();
    }

    @Test
    void failuresInARowJudgeTheDeployBadAtOnceWithTheFailingChecksAndWhen() {
        Script[] rounds = new Script[1];

        HealthWatch.Outcome outcome = watch("hhfff", 3, 60, rounds);

        assertThat(outcome.verdict()).isEqualTo(HealthWatch.Verdict.BAD);
        assertThat(outcome.rounds()).as("stops at the third failure, long before the window's end").isEqualTo(5);
        List<FailedRound> failed = outcome.streak().failedRounds();
        assertThat(failed).extracting(FailedRound::round).containsExactly(3, 4, 5);
        assertThat(failed.get(0).at()).isEqualTo(T0.plusMillis(2030));
        assertThat(failed.get(2).failing()).containsExactly("http:api: 500 in 2 ms");
        assertThat(progress).last().asString().contains("round 5 failed (3 in a row): the deploy is bad");
    }

    @Test
    void aHealthyRoundStartsTheCountOver() {
        Script[] rounds = new Script[1];

        HealthWatch.Outcome outcome = watch("ffhffhffh", 3, 9, rounds);

        assertThat(outcome.verdict()).as("never three in a row").isEqualTo(HealthWatch.Verdict.HEALTHY);
        assertThat(outcome.rounds()).isEqualTo(9);
        assertThat(outcome.streak().failedTotal()).isEqualTo(6);
        assertThat(progress).anyMatch(line -> line.contains("round 3 healthy again: the failure count starts over"));
    }

    @Test
    void aWindowEndingInAStreakGoesOnUntilTheStreakIsDecided() {
        Script[] bad = new Script[1];
        HealthWatch.Outcome judgedBad = watch("hhhff", 3, 5, bad);
        assertThat(judgedBad.verdict()).isEqualTo(HealthWatch.Verdict.BAD);
        assertThat(judgedBad.rounds()).as("one round past the 5 s window").isEqualTo(6);

        clock.nanos = 0;
        Script[] recovered = new Script[1];
        HealthWatch.Outcome healthy = watch("hhhffh", 3, 5, recovered);
        assertThat(healthy.verdict()).isEqualTo(HealthWatch.Verdict.HEALTHY);
        assertThat(healthy.rounds()).isEqualTo(6);
    }

    @Test
    void oneFailureIsEnoughWhenFailuresIsOne() {
        Script[] rounds = new Script[1];

        assertThat(watch("hf", 1, 30, rounds).verdict()).isEqualTo(HealthWatch.Verdict.BAD);
        assertThat(rounds[0].startedAt).hasSize(2);
    }

    @Test
    void ctrlCWhileProbingEndsTheWatchInterruptedAndTheCutRoundDoesNotCount() {
        Script rounds = new Script("f", clock) {
            @Override
            public List<HealthResult> get() {
                List<HealthResult> results = super.get();
                if (startedAt.size() == 2) {
                    cancelled.set(true);   // Ctrl-C during the second round
                }
                return results;
            }
        };
        WatchWindow window = new WatchWindow(Duration.ofSeconds(60), 5, Duration.ofSeconds(1));

        HealthWatch.Outcome outcome = new HealthWatch(window, rounds, clock, cancelled::get).run(progress::add);

        assertThat(outcome.verdict()).isEqualTo(HealthWatch.Verdict.INTERRUPTED);
        assertThat(outcome.rounds()).isEqualTo(1);
        assertThat(outcome.streak().failedTotal()).isEqualTo(1);
    }

    @Test
    void ctrlCBetweenRoundsIsNoticedWithinAPoll() {
        FakeClock ticking = new FakeClock() {
            @Override
            public void sleep(long duration) {
                super.sleep(duration);
                if (nanos >= TimeUnit.MILLISECONDS.toNanos(400)) {
                    cancelled.set(true);
                }
            }
        };
        Script rounds = new Script("h", ticking);
        WatchWindow window = new WatchWindow(Duration.ofSeconds(60), 3, Duration.ofSeconds(5));

        HealthWatch.Outcome outcome = new HealthWatch(window, rounds, ticking, cancelled::get).run(progress::add);

        assertThat(outcome.verdict()).isEqualTo(HealthWatch.Verdict.INTERRUPTED);
        assertThat(ticking.nanos).isLessThan(TimeUnit.MILLISECONDS.toNanos(400 + HealthWatch.POLL_MILLIS + 1));
    }

    @Test
    void theReportKeepsOnlyTheNewestFailedRoundsButCountsThemAll() {
        FailureStreak streak = new FailureStreak(1000);
        for (int round = 1; round <= 30; round++) {
            streak.count(round, T0, List.of(HealthResult.unhealthy("http:api", "500")));
        }

        assertThat(streak.failedTotal()).isEqualTo(30);
        assertThat(streak.failedRounds()).hasSize(FailureStreak.KEPT)
            .first().extracting(FailedRound::round).isEqualTo(11);
    }
}
