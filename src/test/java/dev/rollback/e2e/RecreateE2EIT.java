package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.backup.TarFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recreate strategy on a real compose stack whose versions are git commits. */
class RecreateE2EIT {
    @TempDir
    Path dir;

    private VersionedStack stack;

    @BeforeEach
    void stack() throws Exception {
        stack = new VersionedStack(dir);
        stack.writeConfig("");
    }

    @AfterEach
    void removeStack() {
        stack.close();
    }

    @Test
    void fromABrokenDeployBackToTheGoodRevision() throws Exception {
        String good = stack.commit("v1", "deploy v1");
        String goodFile = stack.workdirComposeFile();
        String bad = stack.commit("broken", "deploy broken");
        String badFile = stack.workdirComposeFile();
        stack.up();
        // backups.keep-volumes: 1, and an archive of the volume from an earlier run: retention deletes it.
        Path config = dir.resolve("rollback.yml");
        Files.writeString(config, Files.readString(config).replace("backups: { dir: ./backups }",
            "backups: { dir: ./backups, keep-volumes: 1 }"));
        Path earlier = dir.resolve("backups").resolve(stack.project + "_data_20200101_000000.tar.gz");
        TarFixture.volume().file("data/old", "earlier").write(earlier);

        RollbackCli.Run run = stack.rollback("recreate", "--to", good.substring(0, 10), "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stack.version()).isEqualTo("v1");
        assertThat(stack.workdirComposeFile()).isEqualTo(goodFile);
        assertThat(stack.head()).as("HEAD does not move").isEqualTo(bad);
        JsonNode result = run.json().path("result");
        assertThat(result.path("configRevision").asText()).isEqualTo(good);
        Path configBackup = Path.of(result.path("configBackup").asText());
        assertThat(Files.readString(configBackup.resolve("docker-compose.yml"))).isEqualTo(badFile);
        assertThat(Files.readString(configBackup.resolve("images.txt"))).contains("backend " + stack.image("broken"));
        assertThat(result.path("volumeBackups")).hasSize(1);
        Path volumeBackup = Path.of(result.path("volumeBackups").get(0).asText());
        assertThat(volumeBackup.getFileName().toString()).startsWith(stack.project + "_data_").endsWith(".tar.gz");
        assertThat(Files.size(volumeBackup)).isPositive();
        assertThat(earlier).doesNotExist();
        assertThat(run.step("volume-retention").path("detail").path("deleted").get(0).asText())
            .isEqualTo(earlier.getFileName().toString());
        assertThat(result.path("downtimeMs").path("http:api").isNumber()).as(run.out()).isTrue();
        assertThat(result.path("downtimeMs").path("http:api").asLong()).isPositive()
            .isLessThan(result.path("stopToHealthyMs").asLong() + 1);
        assertThat(run.step("update-stack").path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void onlyTheServiceWhoseDefinitionChangedIsRecreated() throws Exception {
        String good = v1ThenV2WithADatabase();
        String db = runningDatabase();
        String dbStartedAt = startedAt(db);
        String backend = container("backend");
        String proxy = container("proxy");
        String proxyStartedAt = startedAt(proxy);

        RollbackCli.Run run = stack.rollback("recreate", "--to", good, "--no-volume-backup", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stack.version()).isEqualTo("v1");
        assertThat(container("backend")).as("the backend was recreated").isNotEqualTo(backend);
        assertThat(container("db")).as("the database keeps its container").isEqualTo(db);
        assertThat(startedAt(db)).as("and was not restarted").isEqualTo(dbStartedAt);
        assertThat(container("proxy")).as("a service that depends on the backend keeps its container").isEqualTo(proxy);
        assertThat(startedAt(proxy)).isEqualTo(proxyStartedAt);
        JsonNode update = run.step("update-stack");
        assertThat(update.path("status").asText()).isEqualTo("succeeded");
        assertThat(update.path("detail").path("recreated").toString()).isEqualTo("[\"backend\"]");
        assertThat(update.path("detail").path("unchanged").toString()).isEqualTo("[\"db\",\"proxy\"]");
        assertThat(run.json().path("steps").toString()).doesNotContain("stop-stack");
    }

    @Test
    void withFullTheWholeStackGoesDownAndUp() throws Exception {
        String good = v1ThenV2WithADatabase();
        String db = runningDatabase();
        String dbStartedAt = startedAt(db);

        RollbackCli.Run run = stack.rollback("recreate", "--to", good, "--full", "--no-volume-backup", "--yes",
            "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stack.version()).isEqualTo("v1");
        assertThat(run.step("stop-stack").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("start-stack").path("status").asText()).isEqualTo("succeeded");
        String dbAfter = container("db");
        assertThat(dbAfter).as("compose down removed the database's container").isNotEqualTo(db);
        assertThat(startedAt(dbAfter)).isNotEqualTo(dbStartedAt);
    }

    @Test
    void aTargetThatNeverGetsHealthyPutsThePreviousVersionAndFilesBack() throws Exception {
        String broken = stack.commitFile(withDatabase("broken"), "a bad release");
        stack.commitFile(withDatabase("v2"), "deploy v2");
        String v2File = stack.workdirComposeFile();
        stack.up();
        assertThat(stack.version()).isEqualTo("v2");
        String db = runningDatabase();
        String dbStartedAt = startedAt(db);

        RollbackCli.Run run = stack.rollback("recreate", "--to", broken, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("status").asText()).isEqualTo("failed");
        assertThat(run.step("health-gate").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:checkout-config").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("undo:update-stack").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("undo:update-stack").path("detail").path("healthyAgain").asText()).startsWith("healthy after");
        assertThat(stack.workdirComposeFile()).isEqualTo(v2File);
        assertThat(stack.version()).isEqualTo("v2");   // no waiting here: the command returned on a serving stack
        assertThat(container("db")).as("the database ran through the run and its undo").isEqualTo(db);
        assertThat(startedAt(db)).isEqualTo(dbStartedAt);
    }

    @Test
    void withoutToTheStackGoesBackToThePreviousRecordedRelease() throws Exception {
        String current = stack.project + "/backend:current";
        stack.commit(current, "backend runs the :current tag the pipeline moves");
        Shell.ok(null, Map.of(), "docker", "tag", "rollback-fixture/app:v1", current);
        stack.up();
        stack.awaitHealthy();
        RollbackCli.Run record = stack.rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        Shell.ok(null, Map.of(), "docker", "tag", "rollback-fixture/app:broken", current);
        stack.up();
        assertThat(stack.version()).isEqualTo("broken");

        RollbackCli.Run run = stack.rollback("recreate", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("target").asText())
            .startsWith("release " + record.json().path("result").path("release").asText());
        assertThat(stack.version()).isEqualTo("v1");
        assertThat(run.step("update-stack").path("detail").path("recreated").toString())
            .as("the same definition, but the tag points at another image again").isEqualTo("[\"backend\"]");
    }

    @Test
    void aServiceTheTargetDoesNotHaveGoesDownWithTheRest() throws Exception {
        String good = stack.commit("v1", "deploy v1");
        stack.commitFile(stack.composeFile("broken").replace("volumes:\n  data: {}",
            "  worker:\n    image: " + stack.image("v2") + "\n    stop_grace_period: 1s\nvolumes:\n  data: {}"),
            "deploy broken, with a worker");
        stack.up();

        RollbackCli.Run run = stack.rollback("recreate", "--to", good, "--no-volume-backup", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stack.version()).isEqualTo("v1");
        assertThat(Shell.ok(null, Map.of(), "docker", "ps", "-a", "--format", "{{.Label \"com.docker.compose.service\"}}",
            "--filter", "label=com.docker.compose.project=" + stack.project).out().strip()).isEqualTo("backend");
    }

    @Test
    void aMissingImageWithNoPullIsRefusedBeforeAnythingStops() throws Exception {
        String missing = stack.commit(stack.project + "/backend:never-built", "an image nobody built");
        stack.commit("v2", "deploy v2");
        stack.up();
        String containerBefore = containerId();

        RollbackCli.Run run = stack.rollback("recreate", "--to", missing, "--no-pull", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("never-built").contains("--no-pull");
        assertThat(containerId()).isEqualTo(containerBefore);
        assertThat(stack.version()).isEqualTo("v2");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        String good = stack.commit("v1", "deploy v1");
        stack.commit("v2", "deploy v2");
        String v2File = stack.workdirComposeFile();
        stack.up();

        RollbackCli.Run run = stack.rollback("recreate", "--to", good, "--dry-run", "--no-volume-backup", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("checkout-config").path("detail").path("changed").toString()).contains("docker-compose.yml");
        assertThat(run.json().path("steps").toString()).doesNotContain("backup-volumes");
        assertThat(run.step("prepare-images").path("detail").path("images").path("backend").asText())
            .isEqualTo(stack.image("v1"));
        assertThat(stack.workdirComposeFile()).isEqualTo(v2File);
        assertThat(stack.version()).isEqualTo("v2");
        assertThat(dir.resolve("backups")).isEmptyDirectory();
    }

    @Test
    void anUnknownRevisionIsRefused() throws Exception {
        stack.commit("v1", "deploy v1");
        RollbackCli.Run run = stack.rollback("recreate", "--to", "no-such-rev", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("no-such-rev");
    }

    /** Commits v1 then v2 (only the backend's image differs), starts v2; returns v1's commit. */
    private String v1ThenV2WithADatabase() throws Exception {
        String good = stack.commitFile(withDatabase("v1"), "v1, with a database");
        stack.commitFile(withDatabase("v2"), "v2: only the backend changes");
        stack.up();
        return good;
    }

    /**
     * The fixture's compose file for {@code version} with a database and a proxy in front of the
     * backend ({@code depends_on}) whose definitions never change.
     */
    private String withDatabase(String version) {
        return stack.composeFile(version).replace("volumes:\n  data: {}", """
              db:
                image: rollback-fixture/postgres:15
                environment: { POSTGRES_USER: fixture, POSTGRES_DB: fixture, POSTGRES_PASSWORD: fixture-only }
                stop_grace_period: 1s
                volumes: ["dbdata:/var/lib/postgresql/data"]
              proxy:
                image: rollback-fixture/busybox:latest
                command: ["sleep", "3600"]
                depends_on: [backend, db]
                stop_grace_period: 1s
            volumes:
              data: {}
              dbdata: {}""");
    }

    /** The database's container once its healthcheck passes (at most 60 s: first start initialises it). */
    private String runningDatabase() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            String id = container("db");
            if (!id.isEmpty() && Shell.run(null, Map.of(), "docker", "inspect", "-f", "{{.State.Health.Status}}", id)
                .out().strip().equals("healthy")) {
                return id;
            }
            TestStack.sleep(200);
        }
        throw new AssertionError("the database of " + stack.project + " never became healthy");
    }

    /** The container of {@code service} in the stack's project, running or not; empty when there is none. */
    private String container(String service) {
        return Shell.ok(null, Map.of(), "docker", "ps", "-aq", "--no-trunc", "--filter",
            "label=com.docker.compose.project=" + stack.project, "--filter", "label=com.docker.compose.service=" + service)
            .out().strip();
    }

    private static String startedAt(String container) {
        return Shell.ok(null, Map.of(), "docker", "inspect", "-f", "{{.State.StartedAt}}", container).out().strip();
    }

    private String containerId() {
        return Shell.ok(null, Map.of(), "docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + stack.project)
            .out().strip();
    }
}
