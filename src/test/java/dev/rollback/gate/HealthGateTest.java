package dev.rollback.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.adapters.health.WaitOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gate probes the HTTP checks and Docker's health at the same time, round by round, and stays bounded. */
class HealthGateTest {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A check that takes {@code millis} per probe and answers from a script (the last answer repeats). */
    private static final class Timed implements HealthCheck {
        private final String name;
        private final long millis;
        private final List<Boolean> script;
        private final AtomicInteger probes = new AtomicInteger();
        final List<long[]> spans = new CopyOnWriteArrayList<>();

        Timed(String name, long millis, Boolean... script) {
            this.name = name;
            this.millis = millis;
            this.script = List.of(script);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public HealthResult probe() {
            long start = System.nanoTime();
            int index = probes.getAndIncrement();
            sleepThroughInterrupts(millis);
            spans.add(new long[] {start, System.nanoTime()});
            boolean healthy = script.get(Math.min(index, script.size() - 1));
            return new HealthResult(name, healthy, "probe " + (index + 1));
        }

        int probes() {
            return probes.get();
        }
    }

    /** Sleeps the whole time even when interrupted: a probe stuck in a call that ignores interrupts. */
    private static void sleepThroughInterrupts(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException ignored) {
                // keeps stalling, as a hung socket read would
            }
        }
    }

    private HealthGate gate(Duration timeout) {
        return new HealthGate(timeout, Duration.ofMillis(10), cancelled::get);
    }

    /** The gate's wait, two passing rounds in a row, as every policy asks. */
    private WaitOutcome await(Duration within, GateChecks checks) {
        return gate(within).await(checks, within, GatePolicy.PASSES_IN_A_ROW, line -> { });
    }

    private static GateChecks checks(HealthCheck container, HealthCheck http) {
        return new GateChecks(List.of(container), List.of(http));
    }

    @Test
    void aRoundTakesAsLongAsItsSlowestProbeNotTheSumOfThem() {
        Timed health = new Timed("container:backend", 250, true);
        Timed http = new Timed("http:api", 400, true);

        long start = System.nanoTime();
        WaitOutcome outcome = await(Duration.ofSeconds(10), checks(health, http));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(outcome.healthy()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        // Each round's Docker probe started before that round's HTTP probe ended: they overlapped.
        for (int round = 0; round < 2; round++) {
            assertThat(health.spans.get(round)[0]).isLessThan(http.spans.get(round)[1]);
            assertThat(http.spans.get(round)[0]).isLessThan(health.spans.get(round)[1]);
        }
        // Two rounds of max(250, 400) ms plus the interval, not of 250 + 400 ms (1310 ms in all).
        assertThat(millis).isBetween(800L, 1250L);
    }

    @Test
    void twoPassingRoundsInARowAreStillRequired() {
        Timed health = new Timed("container:backend", 0, true, false, true, true);
        Timed http = new Timed("http:api", 0, true);

        WaitOutcome outcome = await(Duration.ofSeconds(5), checks(health, http));

        assertThat(outcome.healthy()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(http.probes()).isEqualTo(4);
    }

    @Test
    void aCheckThatNeverPassesTwiceInARowFailsTheGateNamingIt() {
        Timed health = new Timed("container:backend", 0, true);
        Timed http = new Timed("http:api", 0, true, false);

        WaitOutcome outcome = await(Duration.ofMillis(300), checks(health, http));

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.UNHEALTHY);
        assertThat(outcome.last().detail()).isEqualTo("1 of 2 unhealthy: http:api: probe " + http.probes());
    }

    @Test
    void aStalledProbeIsCutAtTheDeadlineAndTheOtherChecksStillAnswer() {
        Timed health = new Timed("container:backend", 0, true);
        Timed stalled = new Timed("http:api", 10_000, true);

        long start = System.nanoTime();
        WaitOutcome outcome = await(Duration.ofMillis(500), checks(health, stalled));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.UNHEALTHY);
        assertThat(outcome.last().detail())
            .isEqualTo("1 of 2 unhealthy: http:api: no answer before the gate's deadline");
        assertThat(millis).isBetween(500L, 1500L);
        assertThat(health.probes()).isEqualTo(1);
    }

    @Test
    void aCancelledWaitStopsInTheMiddleOfAStalledRound() throws InterruptedException {
        Timed stalled = new Timed("http:api", 10_000, true);
        Thread canceller = new Thread(() -> {
            sleepThroughInterrupts(200);
            cancelled.set(true);
        });
        canceller.start();

        long start = System.nanoTime();
        WaitOutcome outcome = await(Duration.ofSeconds(30), GateChecks.endpoints(List.of(stalled)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        canceller.join();

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.CANCELLED);
        assertThat(millis).isLessThan(1500L);
    }
}
