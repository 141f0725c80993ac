package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.PitrArchive;
import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.Shell;
import dev.rollback.e2e.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code db-restore --to-release} (point-in-time) under faults: kill -9 before every step and in the middle of the
 * recovery, Docker gone while the scratch server recovers, and the database container removed during a run. The live
 * database holds 500 users at the release and 600 when the restore starts; after any fault it holds one of them (or
 * is stopped, its data whole in its volume, for a kill between stopping and starting it), and a re-run converges.
 */
class PitrRestoreFaultsIT extends FaultMatrixTest {
    private static final List<String> STEPS = List.of("choose-point", "prepare-scratch", "recover", "verify-scratch",
        "stop-app", "stop-database", "swap-data", "start-database", "start-app", "verify");

    private TestStack stack;
    private PitrArchive archive;
    private String release;

    PitrRestoreFaultsIT() {
        super("db-restore", STEPS, Map.of(), "v1", "v1");
    }

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 500, true);
        archive = new PitrArchive(stack);
        archive.allowReplication();
        reset();
        startRunner(() -> {
            archive.close();
            for (String volume : labelled("volume")) {
                Shell.run(dir, Map.of(), "docker", "volume", "rm", "-f", volume);
            }
            stack.close();
        });
    }

    static Stream<Fault> faults() {
        return Stream.concat(killsAtBoundaries(STEPS, Map.of()), Stream.of(
            Fault.killDuring("recover"),
            Fault.killDuring("swap-data"),
            Fault.dockerGone("recover", 300)));
    }

    @Override
    public Map<String, String> env() {
        return stack.env();
    }

    @Override
    List<String> options() {
        return List.of("--to-release", release);
    }

    /** The incident's state: 500 users at a release recorded with its WAL point, 100 written after it, archived. */
    @Override
    public void reset() throws Exception {
        for (String container : labelled("container")) {
            Shell.run(dir, Map.of(), "docker", "rm", "-f", container);
        }
        stack.compose("up", "-d", "--no-build");
        awaitDatabase();
        stack.psql("delete from users where id > 500 or email like 'late%'");
        archive.startReceiving();
        archive.baseBackup();
        release = archive.recordRelease();
        stack.psql("insert into users (email) select 'late' || g || '@x' from generate_series(1, 100) g");
        archive.awaitArchived();
    }

    private void awaitDatabase() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Shell.run(dir, stack.pgEnv(), 10, List.of("psql", "-X", "-h", "127.0.0.1", "-p",
            String.valueOf(stack.pgPort), "-U", "merq", "-d", "merq", "-c", "select 1")).exitCode() != 0) {
            assertThat(System.nanoTime()).as("database up within 60 s").isLessThan(deadline);
            TestStack.sleep(300);
        }
    }

    private List<String> labelled(String kind) {
        String filter = "label=dev.rollback.pitr.live=" + stack.project + "_pgdata";
        String out = kind.equals("volume")
            ? Shell.run(dir, Map.of(), "docker", "volume", "ls", "-q", "--filter", filter).out()
            : Shell.run(dir, Map.of(), "docker", "ps", "-a", "--format", "{{.Names}}", "--filter", filter).out();
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String served() {
        return Served.by(stack);
    }

    /** The live data: the users, or "stopped" when the database container is not running (its volume untouched). */
    @Override
    public String database() {
        String running = Shell.run(dir, Map.of(), "docker", "inspect", "-f", "{{.State.Running}}",
            stack.postgresContainer()).out().strip();
        return running.equals("true") ? "users=" + stack.psql("select count(*) from users") : "stopped";
    }

    @Override
    public Set<String> wholeDatabases() {
        return Set.of("users=600", "users=500", "stopped");
    }

    @Override
    public List<String> leftovers() {
        List<String> left = new ArrayList<>(labelled("container"));
        left.addAll(labelled("volume"));
        return left;
    }

    @Override
    public int databasePort() {
        return stack.pgPort;
    }

    /** The database container removed while the scratch server recovers: the run fails, the live volume is intact. */
    @Test
    @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
    void theDatabaseContainerGoneMidRunLeavesItsVolumeWholeAndARerunConverges() throws Exception {
        reset();
        CliProcess cli = CliProcess.start(dir, stack.env(), List.of(), args());
        cli.awaitLine("[3/" + STEPS.size() + "] ", java.time.Duration.ofSeconds(120));
        stack.docker("rm", "-f", stack.postgresContainer());
        int exit = cli.waitFor(java.time.Duration.ofSeconds(180));

        assertThat(exit).as(cli.err()).isIn(1, 3);
        assertThat(labelled("container")).as("no scratch server left").isEmpty();
        stack.compose("up", "-d", "--no-build");
        awaitDatabase();
        assertThat(stack.psql("select count(*) from users")).as("the live volume kept its data").isEqualTo("600");
        RollbackCli.Run rerun = RollbackCli.run(dir, stack.env(), args().toArray(String[]::new));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(stack.psql("select count(*) from users")).isEqualTo("500");
    }
}
