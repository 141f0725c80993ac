package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images that come from the test bed's real registry (127.0.0.1:5000, testbed/setup.sh): a
 * release whose images were pruned from the host is pulled back by the digest recorded with it,
 * and a missing helper image is pulled before a volume backup; with {@code --no-pull} both are
 * refused, exit 3, before anything changes. Every image is pushed under this test's own project
 * name and removed from the host, so no other test loses one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryPullE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;
    private LocalRegistry registry;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 10, true);
        registry = new LocalRegistry(stack.project);
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private String record() {
        stack.awaitHealthy();
        RollbackCli.Run run = stack.rollback("release", "record", "-o=json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.json().path("result").path("release").asText();
    }

    @Test
    void redeployPullsAPrunedReleaseBackByItsDigestAndNotWithNoPull() throws Exception {
        // v1 of the backend is an image of its own, pushed, deployed and recorded as the good release.
        String unique = registry.uniqueImage("rollback-fixture/app:v1", "v1");
        String uniqueId = stack.imageIdOf(unique);
        String digest = registry.push(unique, "backend:v1");
        stack.docker("tag", unique, stack.image("backend"));
        stack.compose("up", "-d", "--no-build", "backend");
        String release = record();
        assertThat(Files.readString(stack.stateDir.resolve("releases.jsonl"))).contains(digest);
        // A bad deploy, then the host prunes every tag of the good image: only the registry has it.
        stack.deploy("v2", "backend");
        LocalRegistry.removeLocally(unique, registry.reference("backend:v1"), stack.project + "/backend:rollback-" + release);
        assertThat(LocalRegistry.present(uniqueId)).isFalse();
        String backendBefore = stack.containerId("backend");
        String webBefore = stack.containerId("web");

        RollbackCli.Run refused = stack.rollback("redeploy", "--yes", "--no-pull", "-o", "json");

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
        assertThat(refused.json().path("error").path("message").asText()).contains(digest, "--no-pull");
        assertThat(LocalRegistry.present(uniqueId)).isFalse();
        assertThat(stack.containerId("backend")).isEqualTo(backendBefore);
        assertThat(stack.containerId("web")).isEqualTo(webBefore);
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageIdOf("rollback-fixture/app:v2"));

        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("releaseReached").asText()).isEqualTo(release);
        assertThat(run.step("select-release").path("detail").path("pulled").toString()).contains(digest);
        assertThat(stack.runningImageId("backend")).isEqualTo(uniqueId);
        assertThat(stack.containerId("web")).isEqualTo(webBefore);
        assertThat(Shell.ok(dir, Map.of(), "curl", "-sf", "http://127.0.0.1:" + stack.backendPort + "/version").out())
            .isEqualTo("v1\n");
        // Protected again, as the ledger promises while the release is in it.
        assertThat(stack.imageIdOf(stack.project + "/backend:rollback-" + release)).isEqualTo(uniqueId);
    }

    @Test
    void backupVolumesPullsAMissingHelperImageAndNotWithNoPull() throws Exception {
        registry.push("rollback-fixture/busybox:latest", "helper:1");
        String helper = registry.reference("helper:1");
        LocalRegistry.removeLocally(helper);
        assertThat(LocalRegistry.present(helper)).isFalse();
        Path backups = stack.dir.resolve("backups");
        stack.writeConfig("docker: { helper-image: \"" + helper + "\" }\n");
        try {
            List<String> before = files(backups);

            RollbackCli.Run refused = stack.rollback("backup", "--volumes", "--no-database", "--no-pull", "-o", "json");

            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
            assertThat(refused.json().path("error").path("message").asText()).contains(helper, "--no-pull");
            assertThat(files(backups)).isEqualTo(before);
            assertThat(LocalRegistry.present(helper)).isFalse();

            RollbackCli.Run run = stack.rollback("backup", "--volumes", "--no-database", "-o", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode step = run.step("backup-volumes");
            assertThat(step.path("detail").path("pulled").toString()).contains(helper);
            assertThat(run.json().path("result").path("volumeBackups")).hasSize(2);
            assertThat(LocalRegistry.present(helper)).isTrue();
        } finally {
            stack.writeConfig("");
        }
    }

    @Test
    void aHelperImageTheRegistryLacksIsExit3AndAnUnreachableRegistryExit4() throws Exception {
        String absent = registry.reference("never-pushed:1");
        String unreachable = "127.0.0.1:" + TestStack.freePort() + "/" + stack.project + "/helper:1";
        try {
            stack.writeConfig("docker: { helper-image: \"" + absent + "\" }\n");
            RollbackCli.Run missing = stack.rollback("backup", "--volumes", "--no-database", "-o", "json");
            assertThat(missing.exitCode()).as(missing.err()).isEqualTo(3);
            assertThat(missing.json().path("error").path("message").asText())
                .contains("cannot pull " + absent + ": its registry has no such image");

            stack.writeConfig("docker: { helper-image: \"" + unreachable + "\" }\n");
            RollbackCli.Run down = stack.rollback("backup", "--volumes", "--no-database", "-o", "json");
            assertThat(down.exitCode()).as(down.err()).isEqualTo(4);
            assertThat(down.json().path("error").path("message").asText())
                .contains("cannot pull " + unreachable + ": its registry is unreachable").doesNotContain("\n");
        } finally {
            stack.writeConfig("");
        }
    }

    private static List<String> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
