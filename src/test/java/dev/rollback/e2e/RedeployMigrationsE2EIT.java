package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 1 over a migration it cannot undo, on a real compose stack whose workdir is a git checkout:
 * release r1 (app v1) was recorded at the commit with V1, the deploy of v2 added V2, which drops a
 * column. {@code redeploy} to r1 refuses (exit 3) naming V2 before any container changes, also under
 * --dry-run; {@code --ignore-migrations} goes back to v1 and the report says the check was skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeployMigrationsE2EIT {
    private static final String DROP_MIGRATION = "db/migrations/V2__drop_note_body.sql";

    @TempDir
    static Path dir;

    private TestStack stack;
    private String r1;
    private String r2;

    @BeforeAll
    void stackWithTwoReleasesTheSecondDroppingAColumn() throws Exception {
        stack = TestStack.up(dir, "v1", 10);
        Files.writeString(dir.resolve(".gitignore"), ".rollback/\nbackups/\n.env\n");
        GitStack.git(dir, "init", "-q", "-b", "main");
        commit("db/migrations/V1__notes.sql", "CREATE TABLE note (id serial primary key, body text);\n", "notes");
        r1 = record();
        stack.deploy("v2");
        commit(DROP_MIGRATION, "ALTER TABLE note DROP COLUMN body;\n", "notes lose their body");
        r2 = record();
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void runningTheSecondRelease() {
        stack.deploy("v2");
    }

    private void commit(String path, String content, String message) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        GitStack.git(dir, "add", "-A");
        GitStack.git(dir, "commit", "-q", "-m", message);
    }

    private String record() {
        stack.awaitHealthy();
        RollbackCli.Run run = stack.rollback("release", "record", "-o=json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.step("inspect-stack").path("detail").path("gitCommit").asText()).isNotEqualTo("-").isNotBlank();
        return run.json().path("result").path("release").asText();
    }

    private String v(String version) {
        return stack.imageIdOf("rollback-fixture/app:" + version);
    }

    @Test
    void aDroppedColumnSinceTheReleaseIsRefusedBeforeAnyContainerChanges() {
        String backendBefore = stack.containerId("backend");

        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        JsonNode report = run.json();
        assertThat(report.path("status").asText()).isEqualTo("refused");
        assertThat(report.path("error").path("message").asText())
            .contains("since release " + r1).contains("V2__drop_note_body.sql:1 drop-column").contains("level 3")
            .contains("--ignore-migrations");
        assertThat(run.step("check-migrations").path("detail").path("verdict").asText())
            .isEqualTo("database-restore-needed");
        assertThat(run.step("switch-images").path("status").asText()).isEqualTo("skipped");
        assertThat(stack.containerId("backend")).isEqualTo(backendBefore);
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v2"));
    }

    @Test
    void aDryRunRefusesTheSame() {
        RollbackCli.Run run = stack.rollback("redeploy", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("V2__drop_note_body.sql");
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v2"));
    }

    @Test
    void ignoreMigrationsGoesBackAndTheReportSaysTheCheckWasSkipped() {
        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "--ignore-migrations", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("releaseReached").asText()).isEqualTo(r1);
        assertThat(run.json().path("result").path("releaseLeft").asText()).isEqualTo(r2);
        JsonNode check = run.step("check-migrations");
        assertThat(check.path("status").asText()).isEqualTo("skipped");
        assertThat(check.path("detail").path("reason").asText()).contains("--ignore-migrations");
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v1"));
        assertThat(stack.runningImageId("web")).isEqualTo(v("v1"));
    }
}
