package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of the CLI at each step boundary of a database restore: afterwards the live database is
 * the old one untouched or the fully restored one, never missing or half-restored, and a re-run
 * succeeds after taking over the stale lock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbRestoreKillE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;
    private String backup;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 500);
        RollbackCli.Run run = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        backup = Path.of(run.json().path("result").path("backup").asText()).getFileName().toString();
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pre-restore-dump", "pre-restore-publish", "stop-app", "restore-scratch", "verify-scratch",
        "swap", "start-app", "verify"})
    void killedAtAStepBoundaryLeavesAWholeDatabaseAndARerunConverges(String step) throws Exception {
        stack.psql("delete from users where id > 500; insert into users (email) select 'late' || g || '@x' "
            + "from generate_series(1, 100) g");
        List<String> argv = RollbackCli.command(List.of("-Drollback.fault.pauseBefore=" + step));
        argv.addAll(List.of("--config", dir.resolve("rollback.yml").toString(), "db-restore", "--backup", backup,
            "--yes"));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(stack.env());
        Process cli = builder.start();
        awaitPause(cli, step);
        Shell.ok(dir, java.util.Map.of(), "kill", "-9", String.valueOf(cli.pid()));
        assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();

        String users = stack.psql("select count(*) from users");
        assertThat(users).as("live database after kill -9 before " + step).isIn("600", "500");
        assertThat(stack.stateDir.resolve("lock")).exists();

        RollbackCli.Run rerun = stack.rollback("db-restore", "--backup", backup, "--yes", "-o", "json");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.err()).contains("stale lock");
        assertThat(stack.psql("select count(*) from users")).isEqualTo("500");
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.containerName("backend")).out().strip())
            .isEqualTo("true");
    }

    private static void awaitPause(Process cli, String step) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.add(line);
            if (line.contains("fault seam: paused before " + step)) {
                return;
            }
        }
        throw new AssertionError("never paused before " + step + "; stderr: " + seen);
    }
}
