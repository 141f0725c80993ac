package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} on a real compose stack whose workdir is a real git checkout: v1 deployed and
 * recorded, then a commit with a migration and a broken deploy; the recommendation, its command
 * line, and {@code --execute} bringing the stack back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;
    private String base;

    @BeforeAll
    void upStackInACheckout() throws Exception {
        stack = TestStack.up(dir, "v1", 10);
        GitStack.git(dir, "init", "-q", "-b", "main");
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("db/migrations/V1__users.sql"),
            "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);\n");
        // .env holds the database password: never committed.
        GitStack.git(dir, "add", "docker-compose.yml", "rollback.yml", "db");
        GitStack.git(dir, "commit", "-q", "-m", "v1");
        base = GitStack.git(dir, "rev-parse", "HEAD").strip();
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void v1DeployedAndRecorded() throws Exception {
        GitStack.git(dir, "reset", "-q", "--hard", base);
        stack.deploy("v1");
        Files.deleteIfExists(stack.stateDir.resolve("releases.jsonl"));
        Files.deleteIfExists(stack.stateDir.resolve("journal.jsonl"));
        try (Stream<Path> backups = Files.list(stack.backups)) {
            for (Path backup : backups.toList()) {
                Files.delete(backup);
            }
        }
        stack.awaitHealthy();
        RollbackCli.Run record = stack.rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
    }

    /** release record also protects the postgres fixture image with a tag; remove what this test added. */
    @AfterEach
    void removeProtectiveTagsOfFixtureImages() {
        TestStack.removeFixtureProtectTags(stack.stateDir);
    }

    private void commitMigration(String name, String sql) throws Exception {
        Files.writeString(dir.resolve("db/migrations/" + name), sql);
        GitStack.git(dir, "add", "db");
        GitStack.git(dir, "commit", "-q", "-m", "migration " + name);
    }

    private String config() {
        return dir.resolve("rollback.yml").toString();
    }

    private RollbackCli.Run plan(Map<String, String> env, String... extra) {
        String[] args = Stream.concat(Stream.of("plan", "--severity", "critical", "-o", "json"), Stream.of(extra))
            .toArray(String[]::new);
        RollbackCli.Run run = stack.rollback(env, args);
        System.out.println("plan " + String.join(" ", extra) + ": " + run.millis() + " ms");
        return run;
    }

    @Test
    void unhealthyStackWithoutDangerousMigrationsIsLevelOne() throws Exception {
        commitMigration("V2__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
        stack.deploy("broken");

        RollbackCli.Run run = plan(stack.env());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(result.path("recommendedLevel").asInt()).isEqualTo(1);
        assertThat(result.path("commandLine").asText()).isEqualTo("rollback --config " + config() + " redeploy");
        assertThat(result.path("reasons").toString()).contains("the stack is unhealthy").contains("http:api");
        assertThat(run.step("probe-migrations").path("detail").path("verdict").asText()).isEqualTo("code-rollback-enough");
        assertThat(run.step("probe-releases").path("detail").path("restorable").asBoolean()).isTrue();
        assertThat(run.step("probe-docker").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.out()).doesNotContain(TestStack.PASSWORD);
        assertThat(Files.readAllLines(stack.stateDir.resolve("journal.jsonl"))).as("only release record is journaled")
            .hasSize(1);
    }

    @Test
    void dangerousMigrationIsLevelThreeFromTheNewestPreDeployBackup() throws Exception {
        assertThat(stack.rollback("backup", "--label", "pre_deploy", "--yes").exitCode()).isZero();
        RollbackCli.Run newest = stack.rollback("backup", "--label", "pre_deploy", "--yes", "-o", "json");
        assertThat(newest.exitCode()).as(newest.err()).isZero();
        assertThat(stack.rollback("backup", "--label", "nightly", "--yes").exitCode()).isZero();
        String newestPreDeploy = Path.of(newest.json().path("result").path("backup").asText()).getFileName().toString();
        commitMigration("V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
        stack.deploy("broken");

        RollbackCli.Run run = plan(stack.env());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(result.path("recommendedLevel").asInt()).isEqualTo(3);
        assertThat(result.path("commandLine").asText()).isEqualTo("rollback --config " + config()
            + " db-restore --backup " + newestPreDeploy + " --redeploy previous");
        assertThat(result.path("reasons").toString()).contains("V2__drop_email.sql:1 drop-column");
        assertThat(result.path("alternatives").toString()).contains("db-restore --backup " + newestPreDeploy
            + " --redeploy previous --keep-serving").contains("down only for the swap");
        assertThat(run.step("probe-backups").path("detail").path("label").asText()).isEqualTo("pre_deploy");
    }

    @Test
    void dockerUnreachableIsLevelFourAndExecutingItRefusesBeforeChangingAnything() {
        Map<String, String> env = stack.env();
        env.put("ROLLBACK_DOCKER_HOST", "tcp://127.0.0.1:1");

        RollbackCli.Run run = plan(env);
        RollbackCli.Run execute = plan(env, "--execute", "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("recommendedLevel").asInt()).isEqualTo(4);
        assertThat(run.json().path("result").path("commandLine").asText())
            .isEqualTo("rollback --config " + config() + " infra-rebuild");
        assertThat(run.step("probe-docker").path("detail").path("reachable").asBoolean()).isFalse();
        // Level 4 on this host needs its Docker daemon: refused (exit 4) before anything is touched.
        assertThat(execute.exitCode()).isEqualTo(4);
        assertThat(execute.json().path("status").asText()).isEqualTo("refused");
        assertThat(execute.err().strip().lines()).last().asString()
            .contains("Docker daemon at tcp://127.0.0.1:1 is unreachable").contains("rollback incident");
    }

    @Test
    void executeRedeploysAndTheStackIsHealthyAgain() throws Exception {
        commitMigration("V2__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
        stack.deploy("broken");
        String v1 = stack.imageIdOf("rollback-fixture/app:v1");

        RollbackCli.Run run = plan(stack.env(), "--execute", "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        assertThat(report.path("level").asInt()).isEqualTo(1);
        assertThat(report.path("result").path("executed").path("command").asText()).isEqualTo("redeploy");
        assertThat(run.step("redeploy:health-gate").path("status").asText()).isEqualTo("succeeded");
        assertThat(stack.runningImageId("backend")).isEqualTo(v1);
        assertThat(stack.runningImageId("web")).isEqualTo(v1);
        assertThat(Shell.ok(dir, Map.of(), "curl", "-sf", "http://127.0.0.1:" + stack.backendPort + "/health").exitCode())
            .isZero();
        assertThat(stack.rollback("verify").exitCode()).isZero();

        RollbackCli.Run history = stack.rollback("history", "--level", "1", "-o", "json");
        assertThat(history.exitCode()).as(history.err()).isZero();
        JsonNode runs = history.json().path("result").path("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("command").asText()).isEqualTo("redeploy");
        assertThat(history.json().path("result").path("recoveryTimes").get(0).path("measuredRuns").asInt()).isEqualTo(1);
    }

    @Test
    void checkMigrationsSizesTheIndexedTableInTheLiveDatabase() throws Exception {
        commitMigration("V2__idx_email.sql", "CREATE INDEX idx_users_email ON users (email);\n");
        Map<String, String> small = stack.env();
        small.put("ROLLBACK_MIGRATIONS_LARGE_TABLE_ROWS", "1000");
        Map<String, String> large = stack.env();
        large.put("ROLLBACK_MIGRATIONS_LARGE_TABLE_ROWS", "5");

        RollbackCli.Run before = stack.rollback(small, "check-migrations", "-o", "json");
        RollbackCli.Run under = stack.rollback(small, "check-migrations", "--from", "current", "-o", "json");
        RollbackCli.Run over = stack.rollback(large, "check-migrations", "--from", "current", "-o", "json");

        assertThat(under.exitCode()).as(under.err()).isZero();
        assertThat(before.exitCode()).as("v1 runs and is the only release: nothing before it").isEqualTo(3);
        assertThat(before.err()).contains("--from previous: nothing to roll back to").contains("--from current");
        assertThat(under.json().path("result").path("from").path("source").asText()).contains("(current)");
        assertThat(statement(under).path("reason").asText()).contains("small table (10 rows");
        assertThat(over.exitCode()).isEqualTo(1);
        assertThat(statement(over).path("verdict").asText()).isEqualTo("dangerous");
        assertThat(statement(over).path("reason").asText()).contains("over 5 rows");

        stack.psql("analyze users");   // now the planner's estimate answers, not the bounded count
        RollbackCli.Run analysed = stack.rollback(small, "check-migrations", "--from", "current", "-o", "json");
        assertThat(analysed.exitCode()).as(analysed.err()).isZero();
        assertThat(statement(analysed).path("reason").asText()).contains("small table (10 rows");
    }

    private static JsonNode statement(RollbackCli.Run run) {
        return run.json().path("result").path("files").get(0).path("statements").get(0);
    }
}
