package dev.rollback.revert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.git.PushOutcome.Status;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rejected-push path, which a real remote only shows in a race: scripted here. */
class PushStepTest {
    @TempDir
    Path stateDir;

    private final ScriptedRepository repo = new ScriptedRepository();
    private final RevertRequest request = new RevertRequest("bad", null, "origin", "main", false, false, null,
        Duration.ofMinutes(1));

    private Report run() {
        RevertState state = new RevertState();
        state.commit = "bad";
        Plan plan = Plan.builder("revert")
            .step(new RevertCommitStep(repo, request, state))
            .step(new PushStep(repo, request, state))
            .build();
        return new Executor(stateDir, (c, d, a) -> true, Interruption.manual(), line -> { }, Clock.systemUTC())
            .run(plan, new Executor.Options(false, true));
    }

    @Test
    void aRejectedPushIsRetriedOnceOnTopOfTheMovedRemote() {
        repo.pushes.add(Status.REJECTED);
        repo.pushes.add(Status.OK);
        repo.remoteHead = "r2";   // someone pushed meanwhile

        Report report = run();

        assertThat(report.exitCode()).isZero();
        assertThat(repo.calls).containsExactly("revert bad on r1", "push revert1 REJECTED", "reset r1", "fetch",
            "fast-forward r2", "revert bad on r2", "push revert2 OK");
        assertThat(report.result()).containsEntry("revertCommit", "revert1");
    }

    @Test
    void aSecondRejectionGivesUpWithTheLocalRevertRemoved() {
        repo.pushes.add(Status.REJECTED);
        repo.pushes.add(Status.REJECTED);
        repo.remoteHead = "r2";

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(report.error().message()).contains("rejected twice").contains("nothing was pushed");
        assertThat(repo.calls).containsSubsequence("push revert2 REJECTED", "reset r2");
        assertThat(repo.calls).filteredOn(call -> call.startsWith("push")).hasSize(2);
        assertThat(repo.head).isEqualTo("r2");
    }

    @Test
    void aFailureAfterThePushKeepsTheRevertLocallyToo() {
        repo.pushes.add(Status.OK);
        RevertState state = new RevertState();
        state.commit = "bad";
        Plan plan = Plan.builder("revert")
            .step(new RevertCommitStep(repo, request, state))
            .step(new PushStep(repo, request, state))
            .step(new dev.rollback.core.Step() {
                @Override
                public String id() {
                    return "wait-deploy";
                }

                @Override
                public String description() {
                    return "a deploy that never comes";
                }

                @Override
                public void apply(dev.rollback.core.StepContext context) {
                    throw RollbackException.failed("not deployed");
                }
            }).build();

        Report report = new Executor(stateDir, (c, d, a) -> true, Interruption.manual(), line -> { }, Clock.systemUTC())
            .run(plan, new Executor.Options(false, true));

        assertThat(report.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(repo.calls).doesNotContain("reset r1");
        assertThat(report.steps()).anySatisfy(step -> {
            assertThat(step.id()).isEqualTo("undo:revert-commit");
            assertThat(step.detail()).containsEntry("reason", "already pushed: the revert stays");
        });
    }
}
