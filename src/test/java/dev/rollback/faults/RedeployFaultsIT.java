package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.Shell;
import dev.rollback.e2e.TestStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * redeploy (level 1) under faults: from a broken deploy back to "previous", with kill -9 at every step boundary
 * and in the middle of the health gate, and Docker gone during the gate. The ledger holds v2 and then
 * v1, so "previous" is v1; a re-run after a kill past the switch, which finds v1 running, must finish
 * the killed run's job (v1, recalled from its lock) and not go one release further back to v2.
 * The database is not part of level 1; the invariant checks it is left alone.
 */
class RedeployFaultsIT extends FaultMatrixTest {
    private static final List<String> STEPS = List.of("select-release", "check-migrations", "switch-images",
        "health-gate");
    /** check-migrations only reads: a kill before it leaves the state a kill before the switch does. */
    static final Map<String, String> FOLDED = Map.of("check-migrations", "switch-images");

    private TestStack stack;
    private final List<String> releases = new java.util.ArrayList<>();

    RedeployFaultsIT() {
        super("redeploy", STEPS, FOLDED, "broken", "v1");
    }

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v2", 10);
        record();
        stack.deploy("v1");
        record();
        reset();
        startRunner(() -> {
            stack.close();
            // release record tags every image it records, the fixture postgres image too
            for (String release : releases) {
                Shell.run(null, Map.of(), "docker", "rmi", "rollback-fixture/postgres:rollback-" + release);
            }
        });
    }

    private void record() throws Exception {
        stack.awaitHealthy();
        RollbackCli.Run record = stack.rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        releases.add(record.json().path("result").path("release").asText());
    }

    static Stream<Fault> faults() {
        return Stream.concat(killsAtBoundaries(STEPS, FOLDED), Stream.of(
            Fault.killDuring("health-gate"),
            Fault.dockerGone("health-gate", 300)));
    }

    @Override
    public Map<String, String> env() {
        return stack.env();
    }

    @Override
    List<String> options() {
        return List.of();   // "previous", as an operator types it
    }

    @Override
    public void reset() {
        stack.deploy("broken");
    }

    @Override
    public String served() {
        return Served.by(stack);
    }

    @Override
    public String database() {
        return "users=" + stack.psql("select count(*) from users");
    }

    @Override
    public Set<String> wholeDatabases() {
        return Set.of("users=10");
    }

    @Override
    public int databasePort() {
        return stack.pgPort;
    }
}
