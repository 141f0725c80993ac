package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback drill} against a real PostgreSQL in a container: a good backup restores into a
 * scratch database that is checked and dropped, the live database and the app untouched; a cut
 * backup fails the drill (exit 1) with nothing left behind; {@code --max-age} refuses an old one;
 * {@code history} and {@code plan} read the drills back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillE2EIT {
    private static final String CHECKSUM = "select md5(string_agg(id || ':' || email, ',' order by id)) from users";

    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 500, true);
        stack.writeConfig("docker: { helper-image: rollback-fixture/busybox:latest }\n");   // no registry here
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
        Files.deleteIfExists(stack.stateDir.resolve("journal.jsonl"));
        stack.psql("delete from users where id > 500");
    }

    private List<String> databases() {
        return Arrays.stream(stack.psql("postgres", "select datname from pg_database where not datistemplate order by 1")
            .split("\n")).filter(s -> !s.isBlank()).toList();
    }

    private Path backup(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("backup", "--yes", "-o", "json"));
        args.addAll(List.of(options));
        RollbackCli.Run run = stack.rollback(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Path.of(run.json().path("result").path("backup").asText());
    }

    private String backendStartedAt() {
        return stack.docker("inspect", "-f", "{{.State.StartedAt}}", stack.container("backend")).out().strip();
    }

    @Test
    void aGoodBackupRestoresIntoScratchIsCheckedAndDroppedAndLiveIsUntouched() {
        backup();
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 100) g");
        String live = stack.psql(CHECKSUM);
        String started = backendStartedAt();

        RollbackCli.Run run = stack.rollback("drill", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("command").asText()).isEqualTo("drill");
        assertThat(run.json().path("steps").findValuesAsText("id")).containsExactly("verify-backup", "backup-age",
            "lock-database", "restore-scratch", "verify-scratch", "compare-size", "drop-scratch");
        assertThat(result.path("restoreMs").asLong()).isPositive();
        assertThat(result.path("rowsPerTable").path("public.users").path("after").path("rows").asLong()).isEqualTo(500);
        assertThat(result.path("restoredSampleQueryValue").asText()).isEqualTo("500");
        assertThat(result.path("liveBytes").asLong()).isPositive();
        assertThat(result.path("restoredBytes").asLong()).isPositive();
        assertThat(stack.psql(CHECKSUM)).as("the live rows, late ones included").isEqualTo(live);
        assertThat(stack.psql("select count(*) from users")).isEqualTo("600");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
        assertThat(backendStartedAt()).as("the app was never stopped").isEqualTo(started);

        RollbackCli.Run history = stack.rollback("history", "--command", "drill");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("drill", "restore ").containsPattern(
            "Level 3 \\(Database Restore\\): 15-30 min typical — ours: no measured run yet; drills: median restore"
                + " [0-9.]+ s over 1 drill \\(within the runbook\\)");
    }

    @Test
    void aTruncatedBackupFailsTheDrillWithTheScratchCopyDropped() throws Exception {
        // More rows than the archive's table of contents, so the cut lies in the data pg_restore reads.
        stack.psql("insert into users (id, email) select g, 'padding' || g || md5(g::text) || '@merq.example'"
            + " from generate_series(1000001, 1003000) g");
        Path good = backup();
        Path file = backup("--format", "custom");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        String live = stack.psql(CHECKSUM);

        RollbackCli.Run run = stack.rollback("drill", "--backup", file.getFileName().toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.step("restore-scratch").path("status").asText()).isEqualTo("failed");
        assertThat(run.json().path("error").path("message").asText()).doesNotContain("\n")
            .contains("which was dropped; database merq was not touched");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
        assertThat(stack.psql(CHECKSUM)).isEqualTo(live);

        // A plain dump cut short is caught before anything is created.
        String plain = Files.readString(good);
        Path cut = stack.backups.resolve("merq_29990101_000000.sql");
        Files.writeString(cut, plain.substring(0, plain.length() / 2));
        RollbackCli.Run cutRun = stack.rollback("drill", "--backup", cut.getFileName().toString(), "-o", "json");
        assertThat(cutRun.exitCode()).as(cutRun.err()).isEqualTo(1);
        assertThat(cutRun.step("verify-backup").path("status").asText()).isEqualTo("failed");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");

        // plan no longer counts on the archive whose drill failed: the good plain dump is its backup.
        Files.delete(cut);
        RollbackCli.Run plan = stack.rollback("plan", "--severity", "critical", "-o", "json");
        assertThat(plan.step("probe-backups").path("detail").path("backup").asText()).as(plan.out())
            .isEqualTo(good.getFileName().toString());
        assertThat(plan.step("probe-backups").path("detail").path("passedOverFailedDrills").toString())
            .contains(file.getFileName().toString());
    }

    @Test
    void maxAgeRefusesAnOldBackupBeforeRestoringIt() throws Exception {
        Path fresh = backup();
        Path old = Files.move(fresh, stack.backups.resolve("merq_20200101_020000.sql"));

        RollbackCli.Run run = stack.rollback("drill", "--max-age", "26h", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("error").path("message").asText())
            .contains(old.getFileName() + " is ", " days old, older than --max-age 26h");
        assertThat(run.step("restore-scratch").path("status").asText()).isNotEqualTo("succeeded");
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");

        RollbackCli.Run bad = stack.rollback("drill", "--max-age", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--max-age: 'soon' is not a duration");
    }

    @Test
    void volumesChecksTheNewestArchiveOfEachVolume() throws Exception {
        backup("--volumes");

        RollbackCli.Run run = stack.rollback("drill", "--volumes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode volumes = run.json().path("result").path("volumeArchives");
        assertThat(volumes.toString()).contains(stack.project + "_uploads", "read to its end");

        Path uploads;
        try (Stream<Path> files = Files.list(stack.backups)) {
            uploads = files.filter(f -> f.getFileName().toString().startsWith(stack.project + "_uploads_")).findFirst()
                .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(uploads);
        Files.write(uploads, Arrays.copyOf(bytes, bytes.length / 2));

        RollbackCli.Run cut = stack.rollback("drill", "--volumes", "-o", "json");

        assertThat(cut.exitCode()).as(cut.err()).isEqualTo(1);
        assertThat(cut.step("check-volume-archives").path("status").asText()).isEqualTo("failed");
        assertThat(cut.json().path("error").path("message").asText()).contains(uploads.getFileName().toString());
        assertThat(databases()).containsExactlyInAnyOrder("merq", "postgres");
    }
}
