package dev.rollback.adapters.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthWaitTest {
    private static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void succeedsOnceTheEndpointRecoversAfterSomeFailures() throws Exception {
        try (TestHttpServer server = new TestHttpServer()) {
            server.failFlakyTimes(3);
            HttpCheck check = new HttpCheck("api", server.url("/flaky"), 200, null, Duration.ofSeconds(2));
            List<HealthResult> seen = new ArrayList<>();

            WaitOutcome outcome = HealthWait.of(check).timeout(Duration.ofSeconds(10)).interval(SHORT)
                .onProbe(seen::add).await();

            assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.HEALTHY);
            assertThat(outcome.attempts()).isEqualTo(4);
            assertThat(outcome.last().detail()).startsWith("200 in ");
            assertThat(server.flakyCalls).hasValue(4);
            assertThat(seen).extracting(HealthResult::detail).startsWith(
                "503 Service Unavailable (expected 200)",
                "503 Service Unavailable (expected 200)",
                "503 Service Unavailable (expected 200)");
        }
    }

    @Test
    void timesOutWithoutThrowingAndKeepsTheLastResult() {
        ScriptedCheck neverHealthy = new ScriptedCheck(false);

        WaitOutcome outcome = HealthWait.of(neverHealthy).timeout(Duration.ofMillis(300))
            .interval(Duration.ofMillis(50)).await();

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.UNHEALTHY);
        assertThat(outcome.healthy()).isFalse();
        assertThat(outcome.elapsed()).isBetween(Duration.ofMillis(300), Duration.ofMillis(800));
        assertThat(outcome.attempts()).isBetween(4, 8).isEqualTo(neverHealthy.probes());
        assertThat(outcome.last().detail()).isEqualTo("probe " + outcome.attempts());
    }

    @Test
    void probesOnceMoreAtTheDeadlineWhenTheIntervalWouldOvershootIt() {
        ScriptedCheck neverHealthy = new ScriptedCheck(false);

        WaitOutcome outcome = HealthWait.of(neverHealthy).timeout(Duration.ofMillis(200))
            .interval(Duration.ofSeconds(5)).await();

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cancellationStopsTheWaitDuringAnInterval() {
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(() -> cancelled.set(true));

        WaitOutcome outcome = HealthWait.of(new ScriptedCheck(false)).timeout(Duration.ofSeconds(30))
            .interval(Duration.ofSeconds(10)).cancelledWhen(cancelled::get).await();

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.CANCELLED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cancelledBeforeTheFirstProbeProbesNothing() {
        ScriptedCheck check = new ScriptedCheck(true);

        WaitOutcome outcome = HealthWait.of(check).cancelledWhen(() -> true).await();

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.CANCELLED);
        assertThat(outcome.attempts()).isZero();
        assertThat(check.probes()).isZero();
        assertThat(outcome.last().healthy()).isFalse();
    }

    @Test
    void threadInterruptionCancelsAndStaysVisibleToTheCaller() throws Exception {
        CompletableFuture<WaitOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            outcome.complete(HealthWait.of(new ScriptedCheck(false)).timeout(Duration.ofSeconds(30))
                .interval(Duration.ofSeconds(10)).await());
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        Thread.sleep(100);

        waiter.interrupt();

        assertThat(outcome.get(2, TimeUnit.SECONDS).status()).isEqualTo(WaitOutcome.Status.CANCELLED);
        assertThat(stillInterrupted.get(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void consecutiveRequirementIgnoresASingleHealthyAnswer() {
        ScriptedCheck flapping = new ScriptedCheck(true, false, true, true, false, true, true, true);

        WaitOutcome outcome = HealthWait.of(flapping).timeout(Duration.ofSeconds(10)).interval(SHORT)
            .consecutive(3).await();

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.HEALTHY);
        assertThat(outcome.attempts()).isEqualTo(8);
    }

    @Test
    void consecutiveRequirementNeverMetIsUnhealthyEvenIfTheLastAnswerWasHealthy() {
        ScriptedCheck flapping = new ScriptedCheck(true, false, true, false, true);

        WaitOutcome outcome = HealthWait.of(flapping).interval(SHORT).attempts(5).consecutive(2).await();

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.UNHEALTHY);
        assertThat(outcome.last().healthy()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(5);
    }

    @Test
    void retriesStopsAtTheFirstHealthyAnswer() {
        ScriptedCheck check = new ScriptedCheck(false, true, false);

        WaitOutcome outcome = HealthWait.retries(check, 3, SHORT);

        assertThat(outcome.healthy()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(check.probes()).isEqualTo(2);
    }

    @Test
    void retriesGivesUpAfterTheGivenNumberOfProbes() {
        ScriptedCheck check = new ScriptedCheck(false);

        WaitOutcome outcome = HealthWait.retries(check, 3, SHORT);

        assertThat(outcome.status()).isEqualTo(WaitOutcome.Status.UNHEALTHY);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(check.probes()).isEqualTo(3);
        assertThat(outcome.summary()).matches("still unhealthy after 3 probes in \\d+ ms: probe 3");
    }

    @Test
    void summaryOfASuccessSaysSo() {
        WaitOutcome outcome = HealthWait.of(new ScriptedCheck(true)).await();

        assertThat(outcome.summary()).matches("healthy after 1 probe in \\d+ ms: probe 1");
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        HealthWait wait = HealthWait.of(new ScriptedCheck(true));

        assertThatThrownBy(() -> wait.consecutive(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wait.attempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wait.interval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wait.timeout(null).await()).isInstanceOf(IllegalStateException.class);
    }
}
