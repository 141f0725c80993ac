package dev.rollback.core;

import static dev.rollback.core.FileModes.mode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run writes in the state dir (the dir itself, the lock, journal.jsonl, unfinished.json and
 * their temporary names) is owner-only under the build's umask 022.
 */
class StateDirModesTest {
    @TempDir
    Path dir;

    @Test
    void aRunCreatesTheStateDirAndItsFilesOwnerOnly() throws Exception {
        FileModes.assumeUmaskLetsOthersRead(dir);
        Path stateDir = dir.resolve("srv/.rollback");
        List<String> log = new ArrayList<>();
        List<String> seenWhileRunning = new ArrayList<>();
        Plan plan = Plan.builder("redeploy").level(1)
            .step(new FakeStep("remember", log).onApply(context -> {
                context.memory().remember("release", "20261120-100000");
                seenWhileRunning.addAll(FileModes.openToOthers(dir.resolve("srv")));
            }))
            .build();

        Report report = new Executor(stateDir, (command, destructive, answer) -> true, Interruption.manual(),
            line -> { }, Clock.systemUTC()).run(plan, new Executor.Options(false, true));

        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(seenWhileRunning).as("open while the lock and unfinished.json were there").isEmpty();
        assertThat(mode(dir.resolve("srv"))).isEqualTo("rwx------");
        assertThat(mode(stateDir)).isEqualTo("rwx------");
        assertThat(mode(stateDir.resolve("journal.jsonl"))).isEqualTo("rw-------");
        assertThat(mode(stateDir.resolve("unfinished.json"))).isEqualTo("rw-------");
        FileModes.assertOwnerOnly(dir.resolve("srv"));
    }
}
