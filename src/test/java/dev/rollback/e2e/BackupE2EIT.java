package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollback backup} and {@code rollback backups} against a real PostgreSQL in a container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 2500);
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void emptyBackupsDir() throws Exception {
        try (Stream<Path> files = Files.list(stack.backups)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        Files.deleteIfExists(stack.stateDir.resolve("lock"));
    }

    private List<String> backupFiles() throws Exception {
        try (Stream<Path> files = Files.list(stack.backups)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void plainBackupRestoresIntoAScratchDatabaseWithTheSameRowCounts() throws Exception {
        RollbackCli.Run run = stack.rollback("backup", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        Path backup = Path.of(report.path("result").path("backup").asText());
        assertThat(backup.getParent()).isEqualTo(stack.backups);
        assertThat(backup.getFileName().toString()).matches("merq_\\d{8}_\\d{6}\\.sql");
        assertThat(backupFiles()).containsExactly(backup.getFileName().toString());
        assertThat(run.step("verify-dump").path("detail").path("tables").asInt()).isEqualTo(1);

        stack.psql("postgres", "create database scratch_restore");
        try {
            Shell.run(dir, stack.pgEnv(), 120, List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "--single-transaction", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort), "-U", "merq",
                "-d", "scratch_restore", "-f", backup.toString())).requireSuccess(List.of("psql restore"));
            assertThat(stack.psql("scratch_restore", "select count(*) from users")).isEqualTo("2500");
            assertThat(stack.psql("scratch_restore", "select max(email) from users"))
                .isEqualTo(stack.psql("select max(email) from users"));
        } finally {
            stack.psql("postgres", "drop database scratch_restore");
        }
    }

    @Test
    void customFormatBackupIsListedAsCompleteBesideAPlainOne() throws Exception {
        assertThat(stack.rollback("backup", "--yes").exitCode()).isZero();
        RollbackCli.Run custom = stack.rollback("backup", "--yes", "--format", "custom", "--label", "pre_deploy", "-o", "json");
        assertThat(custom.exitCode()).as(custom.err()).isZero();
        assertThat(custom.json().path("result").path("backup").asText()).matches(".*/pre_deploy_\\d{8}_\\d{6}\\.dump");

        RollbackCli.Run list = stack.rollback("backups", "-o", "json");

        assertThat(list.exitCode()).isZero();
        JsonNode rows = list.json().path("result").path("backups");
        assertThat(rows).hasSize(2);
        rows.forEach(row -> assertThat(row.path("complete").asBoolean()).as(row.toString()).isTrue());
        assertThat(rows.findValuesAsText("format")).containsExactlyInAnyOrder("plain", "custom");
        RollbackCli.Run text = stack.rollback("backups");
        assertThat(text.out()).contains("pre_deploy_").contains("custom").contains("yes");
    }

    @Test
    void truncatedBackupIsListedAsIncomplete() throws Exception {
        RollbackCli.Run run = stack.rollback("backup", "--yes", "--format", "custom", "-o", "json");
        Path backup = Path.of(run.json().path("result").path("backup").asText());
        byte[] bytes = Files.readAllBytes(backup);
        Files.write(backup, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path plain = stack.backups.resolve("merq_20240101_020000.sql");
        Files.writeString(plain, "--\n-- PostgreSQL database dump\n--\nCREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\n1\n");

        RollbackCli.Run list = stack.rollback("backups", "-o", "json");

        JsonNode rows = list.json().path("result").path("backups");
        assertThat(rows.findValuesAsText("name")).contains("merq_20240101_020000.sql");
        for (JsonNode row : rows) {
            if (row.path("name").asText().equals("merq_20240101_020000.sql")) {
                assertThat(row.path("complete").asBoolean()).isFalse();
                assertThat(row.path("problem").asText()).contains("truncated");
            }
        }
    }

    @Test
    void keepDeletesOnlyOlderBackupsAndNeedsConfirmation() throws Exception {
        Files.writeString(stack.backups.resolve("merq_20240101_020000.sql"), "old\n-- PostgreSQL database dump complete\n");
        Files.writeString(stack.backups.resolve("merq_20240102_020000.sql"), "old\n-- PostgreSQL database dump complete\n");
        Files.writeString(stack.backups.resolve("other_20240101_020000.sql"), "x\n-- PostgreSQL database dump complete\n");

        RollbackCli.Run refused = stack.rollback("backup", "--keep", "2", "-o", "json");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.json().path("error").path("message").asText()).contains("--yes").contains("no terminal");
        assertThat(backupFiles()).hasSize(3);

        RollbackCli.Run kept = stack.rollback("backup", "--keep", "2", "--yes", "-o", "json");
        assertThat(kept.exitCode()).as(kept.err()).isZero();
        String made = Path.of(kept.json().path("result").path("backup").asText()).getFileName().toString();
        assertThat(backupFiles()).containsExactlyInAnyOrder(made, "merq_20240102_020000.sql", "other_20240101_020000.sql");
    }

    @Test
    void dryRunPlansTheBackupAndWritesNothing() throws Exception {
        RollbackCli.Run run = stack.rollback("backup", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("dump").path("detail").path("file").asText()).contains("merq_");
        assertThat(backupFiles()).isEmpty();
        assertThat(stack.stateDir.resolve("journal.jsonl")).doesNotExist();
    }

    @Test
    void wrongPasswordIsExitFourAndThePasswordAppearsNowhere() throws Exception {
        String wrong = "wr0ng-sentinel-password";
        Map<String, String> env = stack.env();
        env.put("DB_PASSWORD", wrong);

        RollbackCli.Run run = stack.rollback(env, "backup", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().path("error").path("message").asText()).contains("merq").contains("DB_PASSWORD");
        assertThat(run.out() + run.err()).doesNotContain(wrong).doesNotContain(TestStack.PASSWORD);
        assertThat(backupFiles()).isEmpty();
        assertThat(Files.readString(stack.stateDir.resolve("journal.jsonl"))).doesNotContain(wrong);
    }

    @Test
    void missingPasswordVariableIsAUsageError() {
        Map<String, String> env = stack.env();
        env.put("DB_PASSWORD", null);

        RollbackCli.Run run = stack.rollback(env, "backup", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("DB_PASSWORD").contains("not set");
    }

    @Test
    void unreachableDatabaseIsExitFour() throws Exception {
        Map<String, String> env = stack.env();
        env.put("DB_PORT", String.valueOf(TestStack.freePort()));
        env.put("ROLLBACK_DATABASE_TOOLS", "host");

        RollbackCli.Run run = stack.rollback(env, "backup", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().path("status").asText()).isEqualTo("refused");
        assertThat(backupFiles()).isEmpty();
    }

    @Test
    void missingBackupsDirIsRefusedWithNothingWritten() {
        Map<String, String> env = stack.env();
        env.put("ROLLBACK_BACKUPS_DIR", dir.resolve("no-such-dir").toString());

        RollbackCli.Run run = stack.rollback(env, "backup", "--yes");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no-such-dir").contains("does not exist");
    }

    @Test
    void readOnlyBackupsDirIsRefused() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("ro-backups"));
        Shell.ok(dir, Map.of(), "mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly.toString());
        try {
            Map<String, String> env = stack.env();
            env.put("ROLLBACK_BACKUPS_DIR", readOnly.toString());

            RollbackCli.Run run = stack.rollback(env, "backup", "--yes");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("ro-backups").contains("not writable");
        } finally {
            Shell.run(dir, Map.of(), "umount", readOnly.toString());
        }
    }

    @Test
    void secondConcurrentRunIsRefusedNamingTheHolder() throws Exception {
        // This test JVM holds the kernel lock, as another run would, and names a holder in the file.
        Files.createDirectories(stack.stateDir);
        try (AutoCloseable holder = LockFile.hold(stack.stateDir, "{\"pid\":4711,\"user\":\"ops\",\"host\":\""
            + dev.rollback.core.Identity.host() + "\",\"command\":\"db-restore\",\"startedAt\":\""
            + java.time.Instant.now() + "\"}")) {
            RollbackCli.Run run = stack.rollback("backup", "--yes");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("holds the lock").contains("pid 4711").contains("db-restore");
            assertThat(backupFiles()).isEmpty();
        }
    }
}
