package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI image (Dockerfile), as docs/install.md runs it: the Docker socket and the stack's
 * directory mounted, against a real compose stack and database on this engine. Opt-in, since it
 * needs a built image (scripts/build-image.sh, about a minute or more):
 * {@code mvn -B verify -Dit.test=ImageE2EIT -Drollback.image=rollback:local}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "rollback.image", matches = ".+")
class ImageE2EIT {
    @TempDir
    static Path dir;

    /** Closed (compose down, its tags removed) once the class is done. */
    @AutoClose
    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 300);
    }

    /**
     * {@code docker run IMAGE ARGS}: the socket, the stack directory at the same path (compose and
     * the backups dir resolve there) and the host's network (the stack publishes on 127.0.0.1).
     */
    private Shell.Result inImage(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "host",
            "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", dir + ":" + dir, "-w", dir.toString(),
            "-e", "DB_PASSWORD", System.getProperty("rollback.image")));
        argv.addAll(List.of(args));
        return Shell.run(dir, stack.env(), 300, argv);
    }

    private static JsonNode json(Shell.Result result) throws Exception {
        return Json.MAPPER.readTree(result.out());
    }

    @Test
    void verifiesTheStackThroughTheSocketWithTheImagesComposeAndHttpChecks() throws Exception {
        Shell.Result run = inImage("verify", "-o", "json");

        assertThat(run.exitCode()).as(run.err() + run.out() + "\npostgres log:\n"
            + Shell.run(dir, Map.of(), 30, List.of("docker", "logs", "-t", stack.postgresContainer())).err()).isZero();
        JsonNode report = json(run);
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        List<String> steps = new ArrayList<>();
        report.path("steps").forEach(step -> steps.add(step.path("id").asText()));
        assertThat(steps).contains("running:postgres", "healthy:backend", "logs:web", "http:api", "query");
    }

    @Test
    void backsUpWithTheImagesPgDumpAndListsTheBackup() throws Exception {
        Shell.Result backup = inImage("backup", "--yes", "-o", "json");
        assertThat(backup.exitCode()).as(backup.err() + backup.out()).isZero();
        assertThat(json(backup).path("result").path("backup").asText()).startsWith(stack.backups.toString());

        Shell.Result list = inImage("backups", "-o", "json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode rows = json(list).path("result").path("backups");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("complete").asBoolean()).as(rows.toString()).isTrue();
    }

    @Test
    void theImagesDockerCliSeesTheStacksContainers() {
        Shell.Result ps = Shell.run(dir, Map.of(), 60, List.of("docker", "run", "--rm",
            "-v", "/var/run/docker.sock:/var/run/docker.sock", "--entrypoint", "docker", System.getProperty("rollback.image"),
            "ps", "--filter", "label=com.docker.compose.project=" + stack.project,
            "--format", "{{.Label \"com.docker.compose.service\"}}"));

        assertThat(ps.exitCode()).as(ps.err()).isZero();
        assertThat(ps.out().lines()).contains("postgres", "backend");
    }

    @Test
    void theImageShipsComposeV2AsTheDockerPlugin() {
        Shell.Result version = Shell.run(dir, Map.of(), 60, List.of("docker", "run", "--rm", "--entrypoint", "docker",
            System.getProperty("rollback.image"), "compose", "version", "--short"));

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out().strip()).as("docker compose version in the image").startsWith("2.");
    }
}
