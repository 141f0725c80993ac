package dev.rollback.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.StepContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One gate step for every rollback: what it says, what it reports, and how it fails, by its policy. */
class HealthGateStepTest {
    @TempDir
    Path state;

    private boolean interrupted;
    private final HealthGate gate = new HealthGate(Duration.ofMillis(300), Duration.ofMillis(10), () -> interrupted);

    /** An HTTP check that answers healthy from its {@code healthyFrom}-th probe on (never when negative). */
    private static final class Answers implements HealthCheck {
        private final int healthyFrom;
        final List<Boolean> seen = new ArrayList<>();

        Answers(int healthyFrom) {
            this.healthyFrom = healthyFrom;
        }

        @Override
        public String name() {
            return "http:api";
        }

        @Override
        public HealthResult probe() {
            boolean healthy = healthyFrom >= 0 && seen.size() >= healthyFrom;
            seen.add(healthy);
            return healthy ? HealthResult.healthy(name(), "200 in 1 ms") : HealthResult.unhealthy(name(), "503");
        }
    }

    private Report run(HealthGateStep step) {
        return new Executor(state, (c, d, a) -> true, Interruption.manual(), line -> { }, Clock.systemUTC())
            .run(Plan.builder("redeploy").level(1).step(step).build(), new Executor.Options(false, true));
    }

    @Test
    void passesOnTwoHealthyProbesInARowAndSaysHowLongItWaited() {
        Answers api = new Answers(1);

        Report report = run(HealthGateStep.httpChecksOnly(gate, List.of(api)));

        assertThat(report.exitCode()).isZero();
        assertThat(report.steps().get(0).id()).isEqualTo("health-gate");
        assertThat(report.steps().get(0).description()).isEqualTo("wait up to 0 s until the HTTP checks pass");
        assertThat(report.steps().get(0).detail().get("outcome").toString()).startsWith("healthy after 3 probes");
        assertThat(report.result()).containsKey("healthyAfterMs");
        assertThat(api.seen).containsExactly(false, true, true);
    }

    @Test
    void withoutHttpChecksTheHttpOnlyGateIsRefusedBeforeAnythingRuns() {
        Report report = run(HealthGateStep.httpChecksOnly(gate, List.of()));

        assertThat(report.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(report.error().message()).contains("this rollback needs health.checks");
    }

    @Test
    void anUnhealthyStackFailsWithThePolicysMessageAndTheMeasuresAreReportedAnyway() {
        GatePolicy policy = GatePolicy.switchedServices(gate.timeout(), () -> GateChecks.endpoints(List.of(new Answers(-1))),
            () -> "release v1");
        List<String> measured = new ArrayList<>();
        AroundGate around = new AroundGate() {
            @Override
            public void waited(long waitStartedNanos, GateChecks checks, StepContext context) {
                measured.add(checks.endpoints().get(0).name());
                context.result("downtimeMs", 0);
            }
        };

        Report report = run(new HealthGateStep(gate, policy, around));

        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.error().message())
            .isEqualTo("health-gate: the stack did not become healthy on release v1 within 0 s: 1 of 1 unhealthy: http:api: 503");
        assertThat(report.steps().get(0).description())
            .isEqualTo("wait up to 0 s until the recreated services and the HTTP checks are healthy");
        assertThat(measured).containsExactly("http:api");
        assertThat(report.result()).containsKey("downtimeMs");
    }

    @Test
    void aGateWithNothingToWaitForIsSkipped() {
        GatePolicy policy = GatePolicy.switchedServices(gate.timeout(), () -> { throw new AssertionError("not probed"); },
            () -> "release v1");
        AroundGate nothingSwitched = new AroundGate() {
            @Override
            public String skipReason() {
                return "nothing was switched";
            }
        };

        Report report = run(new HealthGateStep(gate, policy, nothingSwitched));

        assertThat(report.exitCode()).isZero();
        assertThat(report.steps().get(0).status().wire()).isEqualTo("skipped");
        assertThat(report.steps().get(0).detail()).containsEntry("reason", "nothing was switched");
    }

    @Test
    void aSideGateThatIsInterruptedExits130AndOtherGatesFailAsUnhealthy() {
        interrupted = true;
        GateChecks never = GateChecks.endpoints(List.of(new Answers(-1)));

        Report side = run(new HealthGateStep(gate, GatePolicy.side("await-green", "green", "containers", gate.timeout(),
            () -> never), AroundGate.NOTHING));
        Report redeploy = run(new HealthGateStep(gate, GatePolicy.switchedServices(gate.timeout(), () -> never,
            () -> "release v1"), AroundGate.NOTHING));

        assertThat(side.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(side.error().message()).isEqualTo("await-green: interrupted while waiting for green to become healthy");
        assertThat(redeploy.exitCode()).isEqualTo(ExitCode.FAILED);
    }
}
