package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 3's check of the restored copy on a real PostgreSQL: a table too big to count within the
 * bound is estimated and the restore goes through; a dump without data is not swapped in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbRestoreRowCheckE2EIT {
    private static final long EVENTS = 1_000_000;

    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 500);
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The stack as up() left it, even after a test that failed halfway: 500 users, no other table or
     * database, the app running. */
    @BeforeEach
    void asStarted() {
        for (String leftover : stack.psql("postgres", "select datname from pg_database where datname like 'merq\\_%'")
            .lines().filter(name -> !name.isBlank()).toList()) {
            stack.psql("postgres", "drop database \"" + leftover + "\" with (force)");
        }
        stack.psql("drop table if exists events; delete from users where id > 500");
        stack.compose("up", "-d", "--no-build");
    }

    private String scratchOrKeptDatabases() {
        return stack.psql("postgres", "select count(*) from pg_database where datname like 'merq\\_%'");
    }

    /**
     * The seam lowers the bound of one count to 1 ms, far below what counting a million rows takes,
     * as a table of billions of rows would exceed the real bound. Before, every table was counted in
     * full (under a 30 s timeout that, once exceeded, failed the step and undid the restore), and
     * the report had bare numbers.
     */
    @Test
    void aTableTooBigToCountWithinTheBoundIsEstimatedAndTheRestoreGoesThrough() {
        stack.psql("create table events (id bigint primary key, kind text);"
            + "insert into events select g, 'kind ' || (g % 7) from generate_series(1, " + EVENTS + ") g");
        String backup = backup();
        Map<String, String> env = new HashMap<>(stack.env());
        env.put("JAVA_TOOL_OPTIONS", "-Drollback.verify.countBoundMs=1");

        RollbackCli.Run run = stack.rollback(env, "db-restore", "--backup", backup, "--yes", "--drop-old", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode step = run.step("verify-scratch");
        assertThat(step.path("status").asText()).isEqualTo("succeeded");
        JsonNode events = step.path("detail").path("rowsPerTable").path("public.events");
        assertThat(events.path("after").path("count").asText()).isEqualTo("estimated");
        assertThat(events.path("after").path("rows").asLong()).isBetween(EVENTS * 9 / 10, EVENTS * 11 / 10);
        assertThat(events.path("before").path("count").asText()).isIn("estimated", "not counted");
        assertThat(step.path("detail").path("rowsPerTable").path("public.users").path("after").path("count").asText())
            .isIn("exact", "estimated");
        assertThat(stack.psql("select count(*) from events")).isEqualTo(String.valueOf(EVENTS));
        assertThat(stack.psql("select count(*) from users")).isEqualTo("500");
    }

    @Test
    void smallTablesAreCountedExactlyWithTheRealBound() {
        String backup = backup();
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 100) g");

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", backup, "--yes", "--drop-old", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode users = run.json().path("result").path("rowsPerTable").path("public.users");
        assertThat(users.path("before").path("rows").asLong()).isEqualTo(600);
        assertThat(users.path("before").path("count").asText()).isEqualTo("exact");
        assertThat(users.path("after").path("rows").asLong()).isEqualTo(500);
        assertThat(users.path("after").path("count").asText()).isEqualTo("exact");
    }

    /**
     * A schema-only dump (what a backup script that lost its data writes) is complete and has every
     * table; before, it replaced the live database with empty tables and exit 0.
     */
    @Test
    void aDumpWithoutDataIsNotSwappedInOverALiveDatabaseWithRows() throws Exception {
        Path schemaOnly = stack.backups.resolve("merq_20200101_000000.sql");
        Shell.ok(dir, stack.pgEnv(), "pg_dump", "--schema-only", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort),
            "-U", "merq", "-d", "merq", "-f", schemaOnly.toString());

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", schemaOnly.getFileName().toString(), "--yes",
            "--drop-old", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.step("verify-scratch").path("detail").path("error").asText())
            .startsWith("the restored copy is empty: its 1 tables hold no rows, while the live database's hold rows"
                + " (public.users: 500 (exact))");
        assertThat(run.step("swap").path("status").asText()).isEqualTo("skipped");
        assertThat(stack.psql("select count(*) from users")).isEqualTo("500");
        assertThat(scratchOrKeptDatabases()).as("the scratch copy was dropped").isEqualTo("0");
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
    }

    private String backup() {
        RollbackCli.Run run = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Path.of(run.json().path("result").path("backup").asText()).getFileName().toString();
    }
}
