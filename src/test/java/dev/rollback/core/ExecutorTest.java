package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
    @TempDir
    Path stateDir;

    private final List<String> log = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private final Interruption interruption = Interruption.manual();
    private Confirmer confirmer = (command, destructive, answer) -> {
        log.add("confirm " + destructive);
        return true;
    };

    private Report run(Plan plan, boolean dryRun, boolean yes) {
        return new Executor(stateDir, confirmer, interruption, progress::add, Clock.systemUTC())
            .run(plan, new Executor.Options(dryRun, yes));
    }

    private FakeStep step(String id) {
        return new FakeStep(id, log);
    }

    private List<JsonNode> journal() throws IOException {
        return new Journal(stateDir).entries();
    }

    @Test
    void checksEveryStepBeforeApplyingAnyThenSucceeds() throws IOException {
        Plan plan = Plan.builder("test").level(1)
            .step(step("a").onApply(c -> c.detail("seen", 1).result("answer", 42)))
            .step(step("b")).build();

        Report report = run(plan, false, false);

        assertThat(log).containsExactly("check a", "check b", "apply a", "apply b");
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.exitCode()).isZero();
        assertThat(report.error()).isNull();
        assertThat(report.steps()).extracting(StepReport::status).containsOnly(StepStatus.SUCCEEDED);
        assertThat(report.steps().get(0).detail()).containsEntry("seen", 1);
        assertThat(report.result()).containsEntry("answer", 42);
        assertThat(journal()).hasSize(1);
        assertThat(journal().get(0).path("status").asText()).isEqualTo("succeeded");
        assertThat(journal().get(0).path("user").asText()).isNotBlank();
        StateLock.acquire(stateDir, "next").close();   // released: the next run takes it
    }

    @Test
    void failedCheckRefusesBeforeAnythingIsApplied() throws IOException {
        Plan plan = Plan.builder("test")
            .step(step("a"))
            .step(step("b").onCheck(c -> {
                throw RollbackException.refused("backup is truncated");
            }))
            .step(step("c")).build();

        Report report = run(plan, false, true);

        assertThat(log).containsExactly("check a", "check b");
        assertThat(report.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(report.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(report.error().message()).isEqualTo("b: backup is truncated");
        assertThat(report.steps()).extracting(StepReport::id, StepReport::status)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("b", StepStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("c", StepStatus.SKIPPED));
        assertThat(journal()).hasSize(1);
    }

    @Test
    void unreachableDependencyInCheckExitsFour() {
        Plan plan = Plan.builder("test").step(step("a").onCheck(c -> {
            throw RollbackException.unreachable("Docker daemon at unix:///nope is unreachable", null);
        })).build();

        assertThat(run(plan, false, true).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void dryRunChecksAndPlansButAppliesNothingAndWritesNoState() throws IOException {
        Plan plan = Plan.builder("test").step(step("a").markDestructive()).step(step("b")).build();

        Report report = run(plan, true, false);

        assertThat(log).containsExactly("check a", "check b");
        assertThat(report.status()).isEqualTo(RunStatus.PLANNED);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.exitCode()).isZero();
        assertThat(report.steps()).extracting(StepReport::status).containsOnly(StepStatus.PLANNED);
        try (var files = Files.list(stateDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void destructiveStepsAreConfirmedOnceBeforeTheFirstApply() {
        Plan plan = Plan.builder("test").step(step("a")).step(step("b").markDestructive()).build();

        run(plan, false, false);

        assertThat(log).containsExactly("check a", "check b", "confirm [fake b]", "apply a", "apply b");
    }

    @Test
    void declinedConfirmationRefusesWithNothingApplied() {
        confirmer = (command, destructive, answer) -> false;
        Plan plan = Plan.builder("test").step(step("a")).step(step("b").markDestructive()).build();

        Report report = run(plan, false, false);

        assertThat(log).containsExactly("check a", "check b");
        assertThat(report.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(report.error().message()).contains("declined");
    }

    @Test
    void yesSkipsTheConfirmation() {
        confirmer = (command, destructive, answer) -> {
            throw new AssertionError("must not ask under --yes");
        };
        Plan plan = Plan.builder("test").step(step("a").markDestructive()).build();

        assertThat(run(plan, false, true).exitCode()).isZero();
    }

    @Test
    void failureStopsThePlanAndUndoesAppliedStepsInReverse() {
        Plan plan = Plan.builder("test")
            .step(step("a").withUndo())
            .step(step("b"))
            .step(step("c").withUndo())
            .step(step("d").onApply(c -> {
                throw new IllegalStateException("health gate failed");
            }))
            .step(step("e")).build();

        Report report = run(plan, false, true);

        assertThat(log).endsWith("apply d", "undo c", "undo a");
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.error().message()).isEqualTo("d: health gate failed");
        assertThat(report.steps()).extracting(StepReport::id)
            .containsExactly("a", "b", "c", "d", "e", "undo:c", "undo:a");
        assertThat(report.steps().get(4).status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void stepFailureCarriesItsExitCode() {
        Plan plan = Plan.builder("test").step(step("a").onApply(c -> {
            throw RollbackException.unreachable("database went away", null);
        })).build();

        assertThat(run(plan, false, true).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void checksThatContinueOnFailureAllRunAndEveryFailureIsReported() {
        Plan plan = Plan.builder("verify").readOnly()
            .step(step("running:web").continueOnFailure().onApply(c -> {
                throw RollbackException.failed("exited (1)");
            }))
            .step(step("http:api").continueOnFailure().onApply(c -> {
                throw RollbackException.failed("connection refused");
            }))
            .step(step("query").continueOnFailure()).build();

        Report report = run(plan, false, false);

        assertThat(log).contains("apply query");
        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(report.error().message())
            .isEqualTo("2 checks failed: running:web, http:api (see the steps)");
        assertThat(report.steps()).extracting(StepReport::status)
            .containsExactly(StepStatus.FAILED, StepStatus.FAILED, StepStatus.SUCCEEDED);
    }

    @Test
    void interruptionStopsAtTheNextStepBoundary() throws IOException {
        Plan plan = Plan.builder("test")
            .step(step("a").onApply(c -> interruption.request()))
            .step(step("b")).build();

        Report report = run(plan, false, true);

        assertThat(log).containsExactly("check a", "check b", "apply a");
        assertThat(report.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(report.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(report.steps()).extracting(StepReport::status)
            .containsExactly(StepStatus.SUCCEEDED, StepStatus.SKIPPED);
        assertThat(journal().get(0).path("status").asText()).isEqualTo("interrupted");
    }

    @Test
    void anInterruptedRunPutsBackWhatItChanged() {
        Plan plan = Plan.builder("test")
            .step(step("stop-app").withUndo())
            .step(step("restore").onApply(c -> interruption.request()))
            .step(step("start-app")).build();

        Report report = run(plan, false, true);

        assertThat(log).endsWith("apply restore", "undo stop-app");
        assertThat(report.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(report.steps()).extracting(StepReport::id).containsExactly("stop-app", "restore", "start-app",
            "undo:stop-app");
    }

    @Test
    void secondRunIsRefusedWhileTheLockIsHeldAndNamesTheHolder() {
        Plan plan = Plan.builder("redeploy").step(step("a")).build();
        try (StateLock held = StateLock.acquire(stateDir, "db-restore")) {
            Report report = run(plan, false, true);

            assertThat(log).isEmpty();
            assertThat(report.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(report.error().message()).contains("holds the lock").contains("db-restore")
                .contains("pid " + ProcessHandle.current().pid()).contains(Identity.user() + "@");
        }
    }

    @Test
    void aLockFileWithoutAHolderIsNoLock() throws Exception {
        // What a killed run leaves: the file, naming a process that is gone; the kernel lock went with it.
        Files.writeString(stateDir.resolve("lock"), "{\"pid\":999999999,\"user\":\"ops\",\"host\":\"elsewhere\","
            + "\"command\":\"db-restore\",\"startedAt\":\"2026-01-01T00:00:00Z\"}\n");
        Plan plan = Plan.builder("redeploy").step(step("a")).build();

        Report report = run(plan, false, true);

        assertThat(report.exitCode()).isZero();
        assertThat(progress).noneMatch(line -> line.contains("lock"));
        assertThat(Files.readString(stateDir.resolve("lock"))).as("the file names its last holder, and stays")
            .contains("\"pid\":" + ProcessHandle.current().pid()).contains("\"command\":\"redeploy\"");
    }

    @Test
    void readOnlyPlansDoNotTakeTheLock() {
        Plan plan = Plan.builder("verify").readOnly().step(step("a")).build();
        try (StateLock held = StateLock.acquire(stateDir, "db-restore")) {
            assertThat(run(plan, false, true).exitCode()).isZero();
        }
    }

    @Test
    void whatAStepHoldsIsReleasedWhenTheRunEndsHoweverItEnds() {
        List<String> released = new ArrayList<>();
        Step holding = step("lock-database").onCheck(c -> c.hold(() -> released.add("lock")));
        Plan failing = Plan.builder("db-restore").step(holding).step(step("swap").onApply(c -> {
            assertThat(released).as("held while later steps run").isEmpty();
            throw RollbackException.failed("swap failed");
        })).build();

        assertThat(run(failing, false, true).exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(released).containsExactly("lock");
        assertThat(run(Plan.builder("db-restore").step(holding).build(), true, true).exitCode()).isZero();
        assertThat(released).as("a dry run only checks: released when it ends").containsExactly("lock", "lock");
        assertThat(run(Plan.builder("db-restore").step(holding).build(), false, true).exitCode()).isZero();
        assertThat(released).hasSize(3);
    }

    @Test
    void whatARunRemembersIsKeptUntilARunOfThatCommandSucceeds() throws IOException {
        Plan failing = Plan.builder("redeploy")
            .step(step("choose").onCheck(c -> c.memory().remember("previous-release", "20261121-101500")))
            .step(step("switch").onApply(c -> {
                throw RollbackException.failed("health gate failed");
            })).build();
        assertThat(run(failing, false, true).exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(Files.readString(stateDir.resolve("unfinished.json")))
            .contains("\"redeploy\":{").contains("\"previous-release\":\"20261121-101500\"");

        List<Object> recalled = new ArrayList<>();
        Plan again = Plan.builder("redeploy")
            .step(step("choose").onCheck(c -> recalled.add(c.memory().recall("previous-release", "going to release")))).build();
        assertThat(run(again, false, true).exitCode()).isZero();

        assertThat(recalled).containsExactly(java.util.Optional.of("20261121-101500"));
        assertThat(progress).anyMatch(line -> line.contains("finishing the unfinished redeploy of")
            && line.contains("going to release 20261121-101500, as it had chosen"));
        assertThat(Files.readString(stateDir.resolve("unfinished.json"))).doesNotContain("redeploy");
    }

    @Test
    void aDryRunRecallsWhatTheRealRunWouldAndWritesNothing() throws Exception {
        unfinished("redeploy");
        List<Object> recalled = new ArrayList<>();
        Plan plan = Plan.builder("redeploy")
            .step(step("choose").onCheck(c -> {
                recalled.add(c.memory().recall("previous-release", "going to release"));
                c.memory().remember("previous-release", "other");
            })).build();

        assertThat(run(plan, true, true).exitCode()).isZero();

        assertThat(recalled).containsExactly(java.util.Optional.of("20261121-101500"));
        assertThat(Files.readString(stateDir.resolve("unfinished.json"))).contains("20261121-101500").doesNotContain("other");
    }

    @Test
    void anotherCommandDoesNotRecallAnUnfinishedRunsChoice() throws Exception {
        unfinished("recreate");
        List<Object> recalled = new ArrayList<>();
        Plan plan = Plan.builder("redeploy")
            .step(step("choose").onCheck(c -> recalled.add(c.memory().recall("previous-release", "going to release")))).build();

        assertThat(run(plan, false, true).exitCode()).isZero();

        assertThat(recalled).containsExactly(java.util.Optional.empty());
        assertThat(Files.readString(stateDir.resolve("unfinished.json"))).contains("recreate");
    }

    private void unfinished(String command) throws IOException {
        Files.writeString(stateDir.resolve("unfinished.json"), "{\"" + command + "\":{\"startedAt\":\"2026-01-01T00:00:00Z\","
            + "\"previous-release\":\"20261121-101500\"}}\n");
    }
}
