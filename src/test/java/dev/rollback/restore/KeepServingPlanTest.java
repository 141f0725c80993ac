package dev.rollback.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthGate;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where level 3 stops the app (before the restore, or with --keep-serving only before the swap) and how its downtime is measured. */
class KeepServingPlanTest {
    @TempDir
    Path dir;

    /** Building a plan talks to no database: any call fails the test. */
    private static final Postgres UNUSED = (Postgres) Proxy.newProxyInstance(Postgres.class.getClassLoader(),
        new Class<?>[] {Postgres.class}, (proxy, method, args) -> {
            throw new AssertionError("the plan called postgres." + method.getName());
        });

    private final HealthGate gate = new HealthGate(Duration.ofSeconds(2), Duration.ofMillis(10), () -> false);

    /** The app as its HTTP check sees it: down between the stop step and the start step. */
    private final class App implements HealthCheck {
        volatile boolean up = true;

        @Override
        public String name() {
            return "http:api";
        }

        @Override
        public HealthResult probe() {
            return up ? HealthResult.healthy(name(), "200") : HealthResult.unhealthy(name(), "connection refused");
        }

        Step flip(String id, boolean to, long sleepMillis) {
            return new Step() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String description() {
                    return id;
                }

                @Override
                public void apply(StepContext context) throws InterruptedException {
                    up = to;
                    Thread.sleep(sleepMillis);
                }
            };
        }
    }

    private List<String> stepIds(RestorePlan.Method method) {
        App app = new App();
        RestorePlan.Inputs inputs = new RestorePlan.Inputs(
            new RestorePlan.Tools(UNUSED, new BackupStore(dir, Clock.systemUTC()),
                AppServices.of(app.flip("stop-app", false, 0), app.flip("start-app", true, 0)), Clock.systemUTC()),
            new RestorePlan.Choices("latest", RestorePlan.PreRestoreBackup.SKIP, method, RestorePlan.OldDatabase.KEEP, 2),
            new RestorePlan.Verification(null, gate, List.of(), List.of(app)), null);
        return RestorePlan.build("merq", inputs).steps().stream().map(Step::id).toList();
    }

    @Test
    void theDefaultStopsTheAppBeforeTheRestoreAndKeepServingOnlyBeforeTheSwap() {
        assertThat(stepIds(RestorePlan.Method.SCRATCH_THEN_SWAP)).containsExactly("verify-backup", "lock-database",
            "stop-app", "restore-scratch", "verify-scratch", "swap", "start-app", "verify");
        assertThat(stepIds(RestorePlan.Method.KEEP_SERVING)).containsExactly("verify-backup", "lock-database",
            "restore-scratch", "verify-scratch", "stop-app", "swap", "start-app", "verify");
        assertThat(stepIds(RestorePlan.Method.IN_PLACE)).containsExactly("verify-backup", "lock-database",
            "stop-app", "recreate-live", "restore-scratch", "verify-scratch", "start-app", "verify");
    }

    @Test
    void theDowntimeIsWhatTheHttpCheckSawFromTheStopUntilTheGate() {
        App app = new App();
        AppDowntime downtime = new AppDowntime(List.of(app));
        Plan plan = Plan.builder("db-restore").level(3)
            .step(app.flip("serving", true, 300))
            .step(new MeasuredStopStep(app.flip("stop-app", false, 0), downtime))
            .step(app.flip("swap", false, 400))
            .step(app.flip("start-app", true, 0))
            .step(new VerifyLiveStep(UNUSED, null, gate, List.of(), List.of(app), downtime))
            .build();

        Report report = new Executor(dir.resolve("state"), (c, d, a) -> true, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(plan, new Executor.Options(false, true));

        assertThat(report.exitCode()).isZero();
        long down = ((Number) report.result().get("appDowntimeMs")).longValue();
        long stopToHealthy = ((Number) report.result().get("stopToHealthyMs")).longValue();
        assertThat(down).as("the 400 ms the app was stopped, not the 300 ms it served").isBetween(300L, 1_000L);
        assertThat(stopToHealthy).isGreaterThanOrEqualTo(400L);
    }

    @Test
    void withoutHttpChecksTheDowntimeIsTheTimeFromTheStopToHealthy() {
        App app = new App();
        AppDowntime downtime = new AppDowntime(List.of());
        Plan plan = Plan.builder("db-restore").level(3)
            .step(new MeasuredStopStep(app.flip("stop-app", false, 200), downtime))
            .step(app.flip("start-app", true, 0))
            .step(new VerifyLiveStep(UNUSED, null, gate, List.of(app), List.of(), downtime))
            .build();

        Report report = new Executor(dir.resolve("state"), (c, d, a) -> true, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(plan, new Executor.Options(false, true));

        assertThat(report.exitCode()).isZero();
        assertThat(report.result().get("appDowntimeMs")).isEqualTo(report.result().get("stopToHealthyMs"));
        assertThat(((Number) report.result().get("appDowntimeMs")).longValue()).isGreaterThanOrEqualTo(200L);
    }
}
