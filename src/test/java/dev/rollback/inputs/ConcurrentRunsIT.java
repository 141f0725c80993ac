package dev.rollback.inputs;

import dev.rollback.core.PrivateFiles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.LockFile;
import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs that overlap, as real processes of the built jar on the shared stack: twenty at once on one
 * state dir (the kernel lock on {@code state-dir/lock}), the holder killed with SIGKILL, and two
 * state dirs restoring one database (its PostgreSQL advisory lock). The first run is held inside
 * its lock by the fault seam ({@code rollback.fault.pauseBefore}), the way the fault matrix stops a
 * run at a step boundary. Each case uses state and backups dirs of its own, so the shared stack's
 * {@code .rollback} is left to the other classes.
 */
@ExtendWith(SharedStack.class)
class ConcurrentRunsIT {
    static final GeneratedTable TABLE = Catalogue.table("3-concurrent-runs");
    private static final int RUNS = 20;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);
    /** The classid of every advisory lock the tool takes ("roll" in ASCII; see DatabaseLock). */
    private static final long LOCK_NAMESPACE = 0x726f6c6cL;
    private static TestStack stack;

    @BeforeAll
    static void share(TestStack shared) throws IOException {
        stack = shared;
        StackCheckout.ensure(stack);
        stack.awaitHealthy();
        PrivateFiles.createDirectories(stack.dir.resolve("lock-backups"));
        PrivateFiles.createDirectories(stack.dir.resolve("lock-20-backups"));
        RollbackCli.Run backup = stack.rollback(env("lock-setup"), "backup", "--yes");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
    }

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    @Test
    void twentyRunsAtOnceOneProceedsTheOthersAreRefusedNamingItThenAKillFreesTheLock() throws Exception {
        Map<String, String> env = env("lock-20");
        String[] args = {"backup", "--yes"};
        List<Cli> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(Cli.start(stack.dir, env, "dump", args));
        }
        Cli holder = awaitTheOneThatPaused(runs);
        // Under CI's load a run can take the lock and then fail on its own (a database check that
        // timed out) before it pauses; the lock then passes on, and runs refused meanwhile rightly
        // name that earlier holder. Such runs are shown, and may be named; every other run is refused.
        List<Cli> earlierHolders = runs.stream().filter(run -> run != holder && run.exitCode() != 3).toList();
        earlierHolders.forEach(run -> System.out.println("a run that held the lock and ended on its own: " + run.err()));
        assertThat(earlierHolders).as("runs that ended inside the lock").hasSizeLessThan(3);
        List<String> holders = Stream.concat(Stream.of(holder), earlierHolders.stream())
            .map(run -> "lock-20/lock: pid " + run.pid() + " (").toList();
        List<Cli> refused = runs.stream().filter(run -> run != holder && !earlierHolders.contains(run)).toList();
        for (Cli run : refused) {
            String line = BadInputRules.oneClearLine(run.err(), run.out());
            assertThat(line).contains("another rollback run holds the lock ").contains(", backup since ");
            assertThat(holders).as("the holder named: " + line).anyMatch(line::contains);
        }
        assertThat(holder.alive()).as("the holder is still inside its lock").isTrue();
        Path backups = stack.dir.resolve("lock-20-backups");
        assertThat(backups).as("no run got as far as a dump").isEmptyDirectory();
        TABLE.add("backup 0", RUNS + " runs at once on one state dir: " + (RUNS - 1) + " refused",
            GeneratedTable.code(CommandText.of(dirs("lock-20"), args, stack.dir)) + " × " + RUNS, "3",
            GeneratedTable.code(CommandText.shorten(BadInputRules.oneClearLine(refused.get(0).err(), ""), stack.dir)));

        holder.kill();
        // No takeover and no manual removal: the kernel dropped the lock with its process.
        assertThat(LockFile.isFree(stack.dir.resolve("lock-20"))).as("lock free right after kill -9").isTrue();
        assertThat(Files.readString(stack.dir.resolve("lock-20/lock"))).as("the file still names the killed run")
            .contains("\"pid\":" + holder.pid());
        RollbackCli.Run next = stack.rollback(env, args);
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).doesNotContain("holds the lock").doesNotContain("stale");
        assertThat(backups).isNotEmptyDirectory();
        TABLE.add("backup 1", "lock file of a run killed with kill -9", GeneratedTable.code(CommandText.of(dirs("lock-20"),
            args, stack.dir)), "0", "(nothing: the kernel released the lock with the killed process; the next run,"
            + " started at once, proceeds)");
    }

    @Test
    void twoStateDirsRestoringOneDatabaseExcludeEachOther() throws Exception {
        String[] args = {"db-restore", "--backup", "latest", "--yes"};
        Cli first = Cli.start(stack.dir, env("lock-a"), "verify-backup", args);
        first.awaitErr("fault seam: paused before verify-backup");
        assertThat(advisoryLocks()).as("the first run holds the database lock").isEqualTo("1");
        StackState before = StackState.of(stack);

        Map<String, String> otherStateDir = env("lock-b");
        RollbackCli.Run second = stack.rollback(otherStateDir, args);

        assertThat(second.exitCode()).as(second.err()).isEqualTo(3);
        String line = BadInputRules.oneClearLine(second.err(), second.out());
        assertThat(line).contains("lock-database: database merq at 127.0.0.1:" + stack.pgPort
            + " is being restored by another rollback run (\"rollback db-restore pid " + first.pid() + " ");
        assertThat(StackState.of(stack)).as("containers and databases after the refused run").isEqualTo(before);
        TABLE.add("db-restore 0", "another state dir is restoring the same database",
            GeneratedTable.code(CommandText.of(dirs("lock-b"), args, stack.dir)), "3",
            GeneratedTable.code(CommandText.shorten(line, stack.dir)));

        String[] dryRunArgs = {"db-restore", "--backup", "latest", "--dry-run"};
        RollbackCli.Run dryRun = stack.rollback(otherStateDir, dryRunArgs);
        assertThat(dryRun.exitCode()).as("a dry run checks the lock too").isEqualTo(3);
        TABLE.add("db-restore 1", "dry run while another state dir is restoring the same database",
            GeneratedTable.code(CommandText.of(dirs("lock-b"), dryRunArgs, stack.dir)), "3",
            GeneratedTable.code(CommandText.shorten(BadInputRules.oneClearLineAfterProgress(dryRun.err(), dryRun.out()),
                stack.dir)));

        first.kill();
        awaitNoAdvisoryLock();
        RollbackCli.Run checked = stack.rollback(otherStateDir, "db-restore", "--backup", "latest", "--dry-run");
        assertThat(checked.exitCode()).as(checked.err()).isZero();
        assertThat(advisoryLocks()).as("a dry run only checks the lock; it holds none afterwards").isEqualTo("0");
        assertThat(StackState.of(stack)).isEqualTo(before);
    }

    /** The stack's environment with a state dir (and backups dir) of the case's own under the stack's dir. */
    private static Map<String, String> env(String stateDir) {
        Map<String, String> env = new HashMap<>(stack.env());
        env.putAll(dirs(stateDir));
        return env;
    }

    /** What the case sets on top of the stack's environment, as the catalogue shows it. */
    private static Map<String, String> dirs(String stateDir) {
        return Map.of("ROLLBACK_STATE_DIR", "./" + stateDir,
            "ROLLBACK_BACKUPS_DIR", "./" + (stateDir.equals("lock-20") ? "lock-20-backups" : "lock-backups"));
    }

    private static String advisoryLocks() {
        return stack.psql("postgres", "select count(*) from pg_locks where locktype = 'advisory' and granted"
            + " and classid::bigint = " + LOCK_NAMESPACE);
    }

    /** The server ends a killed client's session (and its lock) when it sees the connection close. */
    private static void awaitNoAdvisoryLock() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!advisoryLocks().equals("0")) {
            assertThat(System.nanoTime()).as("the killed run's database lock is released").isLessThan(deadline);
            TestStack.sleep(100);
        }
    }

    private static Cli awaitTheOneThatPaused(List<Cli> runs) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Cli> paused = runs.stream().filter(run -> run.err().contains("fault seam: paused before")).toList();
            boolean othersDone = runs.stream().filter(run -> !paused.contains(run)).noneMatch(Cli::alive);
            if (!paused.isEmpty() && othersDone) {
                assertThat(paused).as("runs inside the lock").hasSize(1);
                return paused.get(0);
            }
            if (paused.isEmpty() && runs.stream().noneMatch(Cli::alive)) {
                break;
            }
            Thread.sleep(100);
        }
        runs.forEach(Cli::destroy);
        throw new AssertionError("expected one run to pause inside the lock while the others ended; stderr: "
            + runs.stream().map(Cli::err).toList());
    }

    /** One CLI process in its own session, its output in files (twenty pipes need no reader threads). */
    private record Cli(Process process, Path outFile, Path errFile) {
        static Cli start(Path dir, Map<String, String> env, String pauseBefore, String... args) throws IOException {
            List<String> argv = RollbackCli.command(List.of("-Drollback.fault.pauseBefore=" + pauseBefore));
            argv.addAll(List.of("--config", dir.resolve("rollback.yml").toString()));
            argv.addAll(List.of(args));
            Path out = Files.createTempFile("rollback-concurrent-", ".out");
            Path err = Files.createTempFile("rollback-concurrent-", ".err");
            out.toFile().deleteOnExit();
            err.toFile().deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            return new Cli(builder.start(), out, err);
        }

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** {@link #waitFor()}, for lambdas. */
        int exitCode() {
            try {
                return waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy();
                throw new AssertionError("a run did not end within " + RUN_TIMEOUT + "; stderr: " + err());
            }
            return process.exitValue();
        }

        void awaitErr(String fragment) throws InterruptedException {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            while (!err().contains(fragment)) {
                if (!alive() || System.nanoTime() > deadline) {
                    destroy();
                    throw new AssertionError("the run never printed '" + fragment + "'; stderr: " + err());
                }
                Thread.sleep(100);
            }
        }

        /** SIGKILL to the run's whole session (setsid made it the group leader), as a killed terminal would. */
        void kill() throws Exception {
            new ProcessBuilder("kill", "-9", "--", "-" + process.pid()).inheritIO().start().waitFor();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the run survived kill -9").isTrue();
        }

        void destroy() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
