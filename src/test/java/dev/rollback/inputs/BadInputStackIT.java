package dev.rollback.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.TestStack;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad-input cases that need a live stack or cross processes: the real jar against real
 * PostgreSQL and Docker. Each asserts the exit code, one clear line (after the executor's progress
 * lines when the run got that far), and that files, containers and databases are unchanged.
 */
@ExtendWith(SharedStack.class)
class BadInputStackIT {
    static final GeneratedTable TABLE = Catalogue.table("2-real-jar-and-stack");
    private static TestStack stack;

    /** A stack in use: its state dir, a recorded release and a backup exist. */
    @BeforeAll
    static void share(TestStack shared) throws IOException {
        stack = shared;
        PrivateFiles.createDirectories(stack.stateDir);
        StackCheckout.ensure(stack);
        stack.awaitHealthy();
        for (String[] args : List.of(new String[] {"release", "record", "--yes"}, new String[] {"backup", "--yes"})) {
            RollbackCli.Run run = stack.rollback(args);
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    @Test
    void wrongPassword() {
        assertThat(expect(4, "wrong database password", Map.of("DB_PASSWORD", "not-the-password"), "backup", "--yes"))
            .contains("DB_PASSWORD").doesNotContain("not-the-password");
    }

    @Test
    void wrongPasswordLeavesTheAppRunning() {
        expect(4, "db-restore with a wrong password", Map.of("DB_PASSWORD", "not-the-password"),
            "db-restore", "--backup", "latest", "--yes");
    }

    @Test
    void databaseThatDoesNotExist() {
        expect(4, "database that does not exist", Map.of("DB_NAME", "nosuchdb"), "backup", "--yes");
    }

    @Test
    void fullDiskWhileWritingABackup() throws IOException {
        Path full = Files.createDirectories(stack.dir.resolve("full-disk"));
        try (TmpfsMount small = TmpfsMount.small(full, "16k")) {
            assertThat(expect(1, "full disk while writing a backup", Map.of("ROLLBACK_BACKUPS_DIR", full.toString()),
                "backup", "--yes")).contains("dump");
            assertThat(full).isEmptyDirectory();
        }
    }

    @Test
    void unknownRelease() {
        assertThat(expect(3, "unknown release", Map.of(), "redeploy", "--to", "nosuch", "--yes")).contains("no release nosuch");
    }

    @Test
    void truncatedBackupAgainstALiveDatabase() throws IOException {
        Path dir = Files.createDirectories(stack.dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("merq_20000101_000000.sql"), "--\n-- PostgreSQL database dump\n--\n"
            + "CREATE TABLE users (id integer);\nCOPY users (id) FROM stdin;\n1\n");
        expect(3, "truncated backup, live database", Map.of(), "db-restore", "--backup",
            dir.resolve("merq_20000101_000000.sql").toString(), "--yes");
    }

    @Test
    void revisionThatIsAnOption() {
        // JGit resolves revisions in-process; no git command line exists for it to inject into.
        assertThat(expect(3, "revision that is an option", Map.of(), "recreate",
            "--to=--upload-pack=touch " + stack.dir.resolve("pwned"), "--no-volume-backup", "--yes")).contains("--upload-pack");
    }

    @Test
    void dockerHostUnreachable() {
        expect(4, "DOCKER_HOST unreachable", Map.of("DOCKER_HOST", "unix:///run/rollback-inputs-absent.sock"),
            "release", "list");
    }

    /** Runs the jar against the shared stack with {@code env} on top of the stack's own. */
    private String expect(int exit, String name, Map<String, String> env, String... args) {
        TreeState files = TreeState.of(stack.dir, ".rollback/journal.jsonl", ".rollback/lock");
        List<String> journal = BadInputRules.journalLines(stack.stateDir);
        StackState live = StackState.of(stack);
        Map<String, String> environment = new HashMap<>(stack.env());
        environment.putAll(env);

        RollbackCli.Run run = stack.rollback(environment, args);

        String line = BadInputRules.oneClearLineAfterProgress(run.err(), run.out());
        assertThat(run.exitCode()).as("exit code of %s: %s", name, run.err()).isEqualTo(exit);
        BadInputRules.nothingChanged(files, TreeState.of(stack.dir, ".rollback/journal.jsonl", ".rollback/lock"));
        BadInputRules.journalGrewByARefusalAtMost(journal, BadInputRules.journalLines(stack.stateDir), exit);
        assertThat(StackState.of(stack)).as("containers and databases").isEqualTo(live);
        TABLE.add(CommandText.sortKey(args) + name, name, GeneratedTable.code(CommandText.of(env, args, stack.dir)),
            String.valueOf(exit), GeneratedTable.code(CommandText.shorten(line, stack.dir)));
        return line;
    }
}
