package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green on a server that has neither the helper image nor the target revision's images: both
 * come from the test bed's registry (127.0.0.1:5000), pushed under this stack's own project name
 * and removed from the host. With {@code --no-pull} the run is refused before anything changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueGreenRegistryE2EIT {
    @TempDir
    static Path dir;

    private BlueGreenStack stack;
    private LocalRegistry registry;

    @BeforeAll
    void createStack() throws Exception {
        stack = new BlueGreenStack(dir);
        registry = new LocalRegistry(stack.project);
    }

    @AfterAll
    void removeStack() {
        if (stack != null) {
            stack.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** Commits a compose file whose app images are the registry's v1, which this host does not have. */
    private String commitOnRegistryImages() throws Exception {
        String file = stack.compose("v1");
        for (String service : List.of("backend", "web")) {
            registry.push("rollback-fixture/app:v1", service + ":v1");
            file = file.replace(stack.project + "/" + service + ":v1", registry.reference(service + ":v1"));
            LocalRegistry.removeLocally(registry.reference(service + ":v1"));
        }
        Files.writeString(stack.workdir.resolve("docker-compose.yml"), file);
        stack.git("add", "docker-compose.yml");
        stack.git("commit", "-q", "-m", "app v1 from the registry");
        return stack.git("rev-parse", "HEAD").strip();
    }

    /** docker.helper-image points at the registry's busybox, which this host does not have. */
    private String helperOnlyInTheRegistry() throws Exception {
        registry.push("rollback-fixture/busybox:latest", "helper:1");
        String helper = registry.reference("helper:1");
        LocalRegistry.removeLocally(helper);
        Path config = dir.resolve("rollback.yml");
        Files.writeString(config, Files.readString(config)
            .replace("helper-image: \"rollback-fixture/busybox:latest\"", "helper-image: \"" + helper + "\""));
        return helper;
    }

    @Test
    void theHelperAndTheRevisionsImagesArePulledAndNotWithNoPull() throws Exception {
        String onRegistry = commitOnRegistryImages();
        String helper = helperOnlyInTheRegistry();
        stack.deploy(stack.commitB);
        assertThat(stack.get("/version")).isEqualTo("broken");
        String caddyBefore = stack.caddyConfig();
        List<String> primaryBefore = stack.containers(stack.project);

        RollbackCli.Run refused = stack.rollback(Map.of(), "blue-green", "--to", onRegistry, "--no-pull", "--yes",
            "-o", "json");

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
        assertThat(refused.json().path("error").path("message").asText()).contains(helper, "--no-pull");
        assertThat(LocalRegistry.present(helper)).isFalse();
        assertThat(LocalRegistry.present(registry.reference("backend:v1"))).isFalse();
        assertThat(stack.caddyConfig()).isEqualTo(caddyBefore);
        assertThat(stack.containers(stack.project)).isEqualTo(primaryBefore);
        assertThat(stack.containers(stack.project + "-green")).isEmpty();
        assertThat(stack.get("/version")).isEqualTo("broken");

        RollbackCli.Run run = stack.rollback(Map.of(), "blue-green", "--to", onRegistry, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.step("proxy-routes").path("detail").path("pulled").toString()).contains(helper);
        assertThat(run.step("green-images").path("detail").path("pulled").toString())
            .contains(registry.reference("backend:v1"), registry.reference("web:v1"));
        assertThat(stack.get("/version")).isEqualTo("v1");
        assertThat(stack.get("/api/version")).isEqualTo("v1");
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageId("rollback-fixture/app:v1"));
        assertThat(stack.containers(stack.project + "-green")).isEmpty();
    }
}
