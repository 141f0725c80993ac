package dev.rollback.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.ExitCode;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.core.RunStatus;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.core.StepReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A phase runs another level's steps once the steps before it have run, with the executor's rules inside. */
class PhaseTest {
    @TempDir
    Path state;

    private final List<String> log = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();

    /** A step that logs what happens to it; {@code failure} is thrown by apply when not null. */
    private Step step(String id, RollbackException failure, boolean halts, Runnable check) {
        return new Step() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "step " + id;
            }

            @Override
            public void check(StepContext context) {
                check.run();
                log.add("check " + id);
            }

            @Override
            public void apply(StepContext context) {
                log.add("apply " + id);
                context.detail("did", id);
                if (failure != null) {
                    throw failure;
                }
            }

            @Override
            public boolean haltsOnFailure() {
                return halts;
            }

            @Override
            public boolean undoable() {
                return true;
            }

            @Override
            public void undo(StepContext context) {
                log.add("undo " + id);
            }
        };
    }

    private Step ok(String id) {
        return step(id, null, true, () -> { });
    }

    private Report run(Step... steps) {
        Plan.Builder plan = Plan.builder("infra-rebuild").level(4);
        for (Step step : steps) {
            plan.step(step);
        }
        return new Executor(state, (c, d, a) -> true, Interruption.manual(), progress::add, Clock.systemUTC())
            .run(plan.build(), new Executor.Options(false, true));
    }

    private Phase phase(Step... steps) {
        return new Phase("restore-database", "level 3", () -> List.of(steps), () -> false);
    }

    @Test
    void itsStepsAreCheckedOnlyWhenThePhaseStartsAfterTheStepsBeforeIt() {
        boolean[] databaseUp = {false};
        Step startDatabase = new Step() {
            @Override
            public String id() {
                return "start";
            }

            @Override
            public String description() {
                return "start the database";
            }

            @Override
            public void apply(StepContext context) {
                databaseUp[0] = true;
            }
        };
        Step needsDatabase = step("verify-backup", null, true, () -> {
            if (!databaseUp[0]) {
                throw RollbackException.unreachable("database down", null);
            }
        });

        Report report = run(startDatabase, phase(needsDatabase, ok("swap")));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(log).containsExactly("check verify-backup", "check swap", "apply verify-backup", "apply swap");
        StepReport phase = report.steps().get(1);
        assertThat(phase.id()).isEqualTo("restore-database");
        assertThat((List<?>) phase.detail().get("steps")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) phase.detail().get("steps")).get(0)).get("detail"))
            .isEqualTo(Map.of("did", "verify-backup"));
    }

    @Test
    void aHaltingFailureUndoesThePhasesStepsAndIsAFailureNotARefusal() {
        Report report = run(phase(ok("restore-scratch"), ok("swap"),
            step("verify-live", RollbackException.refused("sample query failed"), true, () -> { }), ok("drop-old")));

        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.error().message()).contains("verify-live: sample query failed");
        assertThat(log).containsSubsequence("apply swap", "apply verify-live", "undo swap", "undo restore-scratch")
            .doesNotContain("apply drop-old");
    }

    @Test
    void aRefusedCheckInsideAPhaseAppliesNoneOfItsStepsAndIsAFailureSinceTheStackHasChanged() {
        Report report = run(phase(ok("restore-scratch"),
            step("swap", null, true, () -> {
                throw RollbackException.refused("no scratch database");
            })));

        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.error().message()).contains("swap: no scratch database");
        assertThat(log).containsExactly("check restore-scratch").doesNotContain("apply restore-scratch");
    }

    @Test
    void eachStepOfThePhaseIsARowWithItsErrorBesideItsDetailAndItsUndoAfterIt() {
        Report report = run(phase(ok("swap"), step("verify-live", RollbackException.failed("sample query failed"), true,
            () -> { })));

        List<?> rows = (List<?>) report.steps().get(0).detail().get("steps");
        assertThat(rows.stream().map(row -> String.valueOf(((Map<?, ?>) row).get("id"))).toList())
            .containsExactly("swap", "verify-live", "undo:swap");
        Map<?, ?> failed = (Map<?, ?>) rows.get(1);
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat(failed.get("error")).isEqualTo("sample query failed");
        assertThat(failed.get("detail")).isEqualTo(Map.of("did", "verify-live"));
        assertThat(progress).containsExactly("[1/1] level 3", "    step swap", "    step verify-live",
            "    failed: sample query failed", "    undo swap", "    failed: verify-live: sample query failed");
    }

    @Test
    void checksThatDoNotHaltAllRunAndEveryFailureIsReported() {
        Report report = run(phase(step("running:web", RollbackException.failed("web exited"), false, () -> { }),
            ok("healthy:web"), step("query", RollbackException.failed("no table users"), false, () -> { })));

        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.error().message()).contains("2 checks failed", "web exited", "no table users");
        assertThat(log).contains("apply healthy:web").doesNotContain("undo healthy:web");
    }

    @Test
    void anUnreachableDependencyKeepsExit4() {
        Report report = run(phase(step("verify-backup", RollbackException.unreachable("database down", null), true,
            () -> { })));

        assertThat(report.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void anInterruptStopsAtTheNextStepOfThePhaseAndUndoesItsSteps() {
        boolean[] interrupted = {false};
        Step swap = step("swap", null, true, () -> { });
        Step interrupt = new Step() {
            @Override
            public String id() {
                return "restore-scratch";
            }

            @Override
            public String description() {
                return "restore";
            }

            @Override
            public void apply(StepContext context) {
                interrupted[0] = true;   // Ctrl-C arrives while this step runs
            }
        };
        Phase phase = new Phase("restore-database", "level 3", () -> List.of(interrupt, swap), () -> interrupted[0]);

        Report report = run(phase);

        assertThat(report.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(report.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(log).doesNotContain("apply swap");
    }

    @Test
    void aPhaseWithNothingToDoIsSkipped() {
        Report report = run(phase());

        assertThat(report.steps().get(0).status().wire()).isEqualTo("skipped");
    }
}
