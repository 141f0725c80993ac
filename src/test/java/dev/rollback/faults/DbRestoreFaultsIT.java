package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/**
 * db-restore (level 3) under faults: kill -9 at every step boundary and in the middle of the
 * restore, Docker gone and the database refusing connections while the restore runs. The live
 * database holds 600 users before (500 at the backup, 100 since) and a filler table, so the restore
 * takes long enough to be hit in the middle.
 */
class DbRestoreFaultsIT extends FaultMatrixTest {
    private static final List<String> STEPS = List.of("verify-backup", "lock-database", "pre-restore-dump", "pre-restore-verify-dump",
        "pre-restore-publish", "stop-app", "restore-scratch", "verify-scratch", "swap", "start-app", "verify");

    /** Boundaries with the same state as the one they map to ({@link FaultMatrixTest}): the steps between only read. */
    private static final Map<String, String> FOLDED = Map.of("lock-database", "verify-backup",
        "pre-restore-dump", "verify-backup", "pre-restore-verify-dump", "pre-restore-publish", "verify-scratch", "swap");

    private TestStack stack;
    private String backup;

    DbRestoreFaultsIT() {
        super("db-restore", STEPS, FOLDED, "v1", "v1");
    }

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 500);
        stack.psql("create table events as select g as id, md5(g::text) as payload from generate_series(1, 100000) g");
        RollbackCli.Run run = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        backup = Path.of(run.json().path("result").path("backup").asText()).getFileName().toString();
        startRunner(stack);
    }

    static Stream<Fault> faults() {
        return Stream.concat(killsAtBoundaries(STEPS, FOLDED), Stream.of(
            Fault.killDuring("restore-scratch"),
            Fault.dockerGone("stop-app", 0),
            Fault.databaseGone("restore-scratch", 300)));
    }

    @Override
    public Map<String, String> env() {
        return stack.env();
    }

    @Override
    List<String> options() {
        return List.of("--backup", backup);
    }

    @Override
    public void reset() throws Exception {
        for (String db : databases()) {
            if (!db.equals("merq") && !db.equals("postgres")) {
                stack.psql("postgres", "drop database \"" + db + "\" with (force)");
            }
        }
        try (Stream<Path> files = Files.list(stack.backups)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pre_restore")).toList()) {
                Files.delete(file);
            }
        }
        stack.psql("delete from users where id > 500; insert into users (email) select 'late' || g || '@x' "
            + "from generate_series(1, 100) g");
        stack.compose("up", "-d", "--no-build");
    }

    private List<String> databases() {
        return Arrays.stream(stack.psql("postgres", "select datname from pg_database where not datistemplate order by 1")
            .split("\n")).filter(s -> !s.isBlank()).toList();
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
        return Set.of("users=600", "users=500");
    }

    @Override
    public List<String> leftovers() {
        return databases().stream().filter(db -> !db.equals("merq") && !db.equals("postgres")).toList();
    }

    @Override
    public int databasePort() {
        return stack.pgPort;
    }
}
