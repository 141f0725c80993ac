package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Level 3 against a real PostgreSQL in a container, with the app services stopped and started for real. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbRestoreE2EIT {
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

    @BeforeEach
    void cleanState() throws Exception {
        try (Stream<Path> files = Files.list(stack.backups)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        Files.deleteIfExists(stack.stateDir.resolve("lock"));
        for (String db : databases()) {
            if (!db.equals("merq") && !db.equals("postgres")) {
                stack.psql("postgres", "drop database \"" + db + "\" with (force)");
            }
        }
        stack.psql("delete from users where id > 500");
        stack.compose("up", "-d", "--no-build");
    }

    private List<String> databases() {
        return Arrays.stream(stack.psql("postgres", "select datname from pg_database where not datistemplate order by 1")
            .split("\n")).filter(s -> !s.isBlank()).toList();
    }

    private String users() {
        return stack.psql("select count(*) from users");
    }

    private String backup() {
        RollbackCli.Run run = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Path.of(run.json().path("result").path("backup").asText()).getFileName().toString();
    }

    private void changesSinceTheBackup() {
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 100) g");
    }

    @Test
    void restoresIntoAScratchDatabaseSwapsItInAndKeepsTheOldOne() throws Exception {
        String name = backup();
        changesSinceTheBackup();
        assertThat(users()).isEqualTo("600");

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("level").asInt()).isEqualTo(3);
        assertThat(users()).isEqualTo("500");
        String kept = result.path("keptOldDatabase").asText();
        assertThat(kept).startsWith("merq_pre_restore_");
        assertThat(stack.psql(kept, "select count(*) from users")).isEqualTo("600");
        Path preRestore = Path.of(result.path("preRestoreBackup").asText());
        assertThat(preRestore.getFileName().toString()).startsWith("pre_restore_");
        assertThat(Files.readString(preRestore)).contains("late100@merq.example");
        assertThat(result.path("swapWindowMs").asLong()).isBetween(0L, 5_000L);
        assertThat(run.step("stop-app").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("verify").path("status").asText()).isEqualTo("succeeded");
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
        assertThat(databases()).noneMatch(db -> db.contains("_restore_") && !db.contains("pre_restore"));
        assertThat(result.path("rowsPerTable").path("public.users").path("before").path("rows").asLong()).isEqualTo(600);
        assertThat(result.path("rowsPerTable").path("public.users").path("after").path("rows").asLong()).isEqualTo(500);
    }

    @Test
    void aGzipDumpRestoresTheSameDataAndLatestSkipsATruncatedNewerOne() throws Exception {
        String checksum = "select md5(string_agg(id || ':' || email, ',' order by id)) from users";
        String before = stack.psql(checksum);
        String plain = backup();
        Path gz = stack.backups.resolve(plain + ".gz");
        Shell.ok(dir, Map.of(), "sh", "-c", "gzip -c '" + stack.backups.resolve(plain) + "' > '" + gz + "'");
        Files.delete(stack.backups.resolve(plain));
        Files.move(gz, stack.backups.resolve(plain.replace(".sql", "") + ".sql.gz"));
        String dump = Files.readString(stack.backups.resolve(backup()));
        int copy = dump.indexOf("COPY public.users");
        Path newer = stack.backups.resolve("merq_29990101_000000.sql");
        Files.writeString(newer, dump.substring(0, copy + (dump.length() - copy) / 2));   // cut inside the COPY
        changesSinceTheBackup();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", "latest", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("backup").asText()).doesNotEndWith("merq_29990101_000000.sql");
        assertThat(stack.psql(checksum)).isEqualTo(before);

        RollbackCli.Run gzip = stack.rollback("db-restore", "--backup", plain.replace(".sql", "") + ".sql.gz", "--yes",
            "--drop-old", "-o", "json");
        assertThat(gzip.exitCode()).as(gzip.err()).isZero();
        assertThat(gzip.step("verify-backup").path("detail").path("format").asText()).isEqualTo("plain-gzip");
        assertThat(stack.psql(checksum)).isEqualTo(before);
    }

    @Test
    void anAppSessionHoldingTheDatabaseIsEndedForTheSwap() throws Exception {
        String name = backup();
        ProcessBuilder app = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort), "-U",
            "merq", "-d", "merq", "-c", "select pg_sleep(600)").redirectErrorStream(true);
        app.environment().putAll(stack.pgEnv());
        Process holder = app.start();
        try {
            TestStack.sleep(1000);
            RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--yes", "-o", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.step("swap").path("detail").path("sessionsEnded").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(holder.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aDatabaseNameWithQuotesIsRefusedBeforeAnySql() {
        Map<String, String> env = stack.env();
        env.put("DB_NAME", "merq\"; drop database merq; --");

        RollbackCli.Run run = stack.rollback(env, "db-restore", "--backup", "latest", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("database.name").contains("not a valid name");
        assertThat(databases()).contains("merq");
    }

    @Test
    void inPlaceDoesTheRunbooksDropAndRestoreAfterThePreRestoreBackup() throws Exception {
        String name = backup();
        changesSinceTheBackup();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--in-place", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(users()).isEqualTo("500");
        assertThat(run.step("recreate-live").path("status").asText()).isEqualTo("succeeded");
        assertThat(Files.readString(Path.of(run.json().path("result").path("preRestoreBackup").asText())))
            .contains("late100@merq.example");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
        assertThat(stack.rollback("db-restore", "--backup", name, "--in-place", "--no-pre-backup", "--yes").exitCode())
            .isEqualTo(2);
    }

    @Test
    void redeployPreviousBringsBackTheLastGoodReleaseBeforeTheAppStarts() throws Exception {
        stack.deploy("v1");
        stack.awaitHealthy();
        RollbackCli.Run record = stack.rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        stack.deploy("v2");
        String name = backup();
        changesSinceTheBackup();
        try {
            RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--redeploy", "previous", "--yes",
                "-o", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(users()).isEqualTo("500");
            assertThat(run.json().path("result").path("releaseReached").asText())
                .isEqualTo(record.json().path("result").path("release").asText());
            String v1 = stack.imageIdOf("rollback-fixture/app:v1");
            assertThat(stack.runningImageId("backend")).isEqualTo(v1);
            assertThat(stack.runningImageId("web")).isEqualTo(v1);
        } finally {
            Files.deleteIfExists(stack.stateDir.resolve("releases.jsonl"));
            stack.deploy("v1");
        }
    }

    @Test
    void undoPutsTheReplacedDatabaseBackLive() throws Exception {
        String name = backup();
        changesSinceTheBackup();
        assertThat(stack.rollback("db-restore", "--backup", name, "--yes").exitCode()).isZero();
        assertThat(users()).isEqualTo("500");

        RollbackCli.Run run = stack.rollback("db-restore", "--undo", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(users()).isEqualTo("600");
        String restored = run.json().path("result").path("restoredKeptAs").asText();
        assertThat(stack.psql(restored, "select count(*) from users")).isEqualTo("500");
    }

    @Test
    void aTruncatedBackupIsRefusedBeforeAnythingIsTouched() throws Exception {
        String name = backup();
        Path file = stack.backups.resolve(name);
        String dump = Files.readString(file);
        Files.writeString(file, dump.substring(0, dump.length() / 2));
        changesSinceTheBackup();
        String backendBefore = stack.containerId("backend");

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("truncated");
        assertThat(users()).isEqualTo("600");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
        assertThat(stack.containerId("backend")).isEqualTo(backendBefore);
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
    }

    @Test
    void aRestoreThatFailsHalfwayLeavesTheLiveDatabaseAndRestartsTheApp() throws Exception {
        String name = backup();
        Path file = stack.backups.resolve(name);
        String dump = Files.readString(file);
        int data = dump.indexOf("COPY public.users");
        Files.writeString(file, dump.substring(0, data) + "SELECT 1/0;\n" + dump.substring(data));
        changesSinceTheBackup();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.step("restore-scratch").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:stop-app").path("status").asText()).isEqualTo("succeeded");
        assertThat(users()).isEqualTo("600");
        assertThat(databases()).noneMatch(db -> db.startsWith("merq_restore_"));
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
    }

    /**
     * Into a scratch database only the cheap checks run before anything is touched; the rest runs
     * on the way in. A dump bad beyond them fails there: exit 3 naming the problem, the scratch
     * copy dropped, the live rows unchanged, the app started again.
     */
    @Test
    void aPlainDumpCutInsideItsDataWithItsEndPutBackFailsOnTheWayIn() throws Exception {
        Path file = stack.backups.resolve(backup());
        String dump = Files.readString(file);
        int copy = dump.indexOf("COPY public.users");
        Files.writeString(file, dump.substring(0, copy + (dump.length() - copy) / 2) + "\n"
            + dump.substring(dump.length() - 300));

        RollbackCli.Run run = failsOnTheWayIn(file.getFileName().toString(), "--jobs", "1");

        assertThat(run.json().path("error").path("message").asText()).contains("ends inside the data of a COPY");
    }

    @Test
    void aGzipDumpCutNearItsEndFailsOnTheWayIn() throws Exception {
        moreRowsThanTheCheapChecksRead();
        Path plain = stack.backups.resolve(backup());
        Path gz = stack.backups.resolve(plain.getFileName().toString() + ".gz");
        Shell.ok(dir, Map.of(), "sh", "-c", "gzip -c '" + plain + "' > '" + gz + "'");
        Files.delete(plain);
        byte[] bytes = Files.readAllBytes(gz);
        Files.delete(gz);
        Path cut = stack.backups.resolve(plain.getFileName().toString().replace(".sql", ".sql.gz"));
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));

        RollbackCli.Run run = failsOnTheWayIn(cut.getFileName().toString(), "--jobs", "1");

        assertThat(run.json().path("error").path("message").asText()).contains("compressed stream is cut off");
    }

    @ParameterizedTest(name = "--jobs {0}")
    @ValueSource(strings = {"1", "2"})
    void aCustomArchiveCutNearItsEndFailsOnTheWayIn(String jobs) throws Exception {
        moreRowsThanTheCheapChecksRead();
        RollbackCli.Run custom = stack.rollback("backup", "--yes", "--format", "custom", "-o", "json");
        assertThat(custom.exitCode()).as(custom.err()).isZero();
        Path file = Path.of(custom.json().path("result").path("backup").asText());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));

        RollbackCli.Run run = failsOnTheWayIn(file.getFileName().toString(), "--jobs", jobs);

        assertThat(run.json().path("error").path("message").asText()).contains("truncated or corrupt");
    }

    /** The cheap checks read the first 64 KB of a gzip'd dump: a cut must lie beyond them (cleanState deletes these). */
    private void moreRowsThanTheCheapChecksRead() {
        stack.psql("insert into users (id, email) select g, 'padding' || g || md5(g::text) || '@merq.example'"
            + " from generate_series(1000001, 1003000) g");
    }

    private RollbackCli.Run failsOnTheWayIn(String backup, String... options) throws Exception {
        changesSinceTheBackup();
        String rows = users();
        List<String> args = new java.util.ArrayList<>(List.of("db-restore", "--backup", backup, "--yes", "-o", "json"));
        args.addAll(List.of(options));

        RollbackCli.Run run = stack.rollback(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.step("verify-backup").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("restore-scratch").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:stop-app").path("status").asText()).isEqualTo("succeeded");
        String message = run.json().path("error").path("message").asText();
        assertThat(message).doesNotContain("\n").contains("which was dropped; database merq was not touched");
        assertThat(run.err().lines().filter(l -> l.startsWith("rollback: ") && !l.startsWith("rollback: warning")).toList())
            .as(run.err()).hasSize(1);
        assertThat(users()).isEqualTo(rows);
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
        return run;
    }

    @Test
    void customFormatAndLatestAreRestored() throws Exception {
        RollbackCli.Run custom = stack.rollback("backup", "--yes", "--format", "custom", "-o", "json");
        assertThat(custom.exitCode()).as(custom.err()).isZero();
        changesSinceTheBackup();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", "latest", "--jobs", "2", "--yes", "--drop-old",
            "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("backup").asText()).endsWith(".dump");
        assertThat(users()).isEqualTo("500");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
    }

    @Test
    void withoutYesAndWithoutATerminalNothingChanges() throws Exception {
        String name = backup();
        changesSinceTheBackup();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--yes");
        assertThat(users()).isEqualTo("600");
        try (Stream<Path> files = Files.list(stack.backups)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name);
        }
    }

    @Test
    void dryRunPlansAndTouchesNothing() throws Exception {
        String name = backup();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--dry-run", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("swap").path("description").asText()).contains("changes made since then are lost");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
    }

    @Test
    void aMissingBackupOrAWrongPasswordIsRefused() {
        RollbackCli.Run missing = stack.rollback("db-restore", "--backup", "merq_19990101_000000.sql", "--yes");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("not found").contains("rollback backups");

        String name = backup();
        Map<String, String> env = stack.env();
        env.put("DB_PASSWORD", "wrong-sentinel-pw");
        RollbackCli.Run wrong = stack.rollback(env, "db-restore", "--backup", name, "--yes");
        assertThat(wrong.exitCode()).isEqualTo(4);
        assertThat(wrong.out() + wrong.err()).doesNotContain("wrong-sentinel-pw");
        assertThat(users()).isEqualTo("500");
    }
}
