package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Level 1 on a real one-node Swarm: back to a recorded release, or to the previous spec without a ledger. */
class SwarmRedeployE2EIT {
    private static final String STACK_LABEL = "com.docker.stack.namespace";

    @TempDir
    Path dir;

    private String stack;

    @BeforeAll
    static void swarmManager() {
        String state = docker("info", "--format", "{{.Swarm.LocalNodeState}}");
        if (state.equals("inactive")) {
            Shell.run(null, Map.of(), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        assertThat(docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"))
            .isEqualTo("active true");
    }

    @BeforeEach
    void config() throws Exception {
        stack = "rbs" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, target: swarm }
            state-dir: .rollback
            health: { timeout: 60s }
            """.formatted(stack));
    }

    @AfterEach
    void removeStack() {
        String ids = Shell.run(null, Map.of(), "docker", "service", "ls", "-q", "--filter", "label=" + STACK_LABEL + "=" + stack).out();
        ids.lines().filter(id -> !id.isBlank()).forEach(id -> Shell.run(null, Map.of(), "docker", "service", "rm", id));
        Shell.run(null, Map.of(), "docker", "images", "--format", "{{.Repository}}:{{.Tag}}", "--filter",
            "reference=" + stack + "/*").out().lines().filter(t -> !t.isBlank())
            .forEach(tag -> Shell.run(null, Map.of(), "docker", "rmi", tag));
    }

    private static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out().strip();
    }

    private RollbackCli.Run rollback(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return RollbackCli.run(dir, Map.of(), all);
    }

    private static String fixture(String version) {
        return docker("image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:" + version);
    }

    private void createService(String image) {
        docker("service", "create", "--detach", "--name", stack + "_backend", "--label", STACK_LABEL + "=" + stack,
            "--replicas", "1", "--stop-grace-period", "1s", image);
        awaitTasksOn(docker("image", "inspect", "-f", "{{.Id}}", image));
    }

    /**
     * Waits until every running task of the service runs this image (Swarm replaces tasks one by
     * one) and the manager reports the task running too: it learns of it a moment after the container starts.
     */
    private void awaitTasksOn(String imageId) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> images = runningTaskImages();
            if (!images.isEmpty() && images.stream().allMatch(imageId::equals) && managerSeesOneRunning()) {
                return;
            }
            TestStack.sleep(250);
        }
        throw new AssertionError("tasks of " + stack + "_backend never ran " + imageId + ": " + runningTaskImages());
    }

    private boolean managerSeesOneRunning() {
        return docker("service", "ps", "--filter", "desired-state=running", "--format", "{{.CurrentState}}",
            stack + "_backend").lines().filter(state -> state.startsWith("Running")).count() == 1;
    }

    private List<String> runningTaskImages() {
        return docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + stack + "_backend",
            "--filter", "status=running").lines().filter(id -> !id.isBlank())
            .map(id -> Shell.run(null, Map.of(), "docker", "inspect", "-f", "{{.Image}}", id).out().strip())
            .filter(image -> !image.isBlank()).toList();
    }

    @Test
    void serviceGoesBackToTheRecordedReleaseAfterABadUpdate() {
        String current = stack + "/backend:current";
        docker("tag", "rollback-fixture/app:v1", current);
        createService(current);
        RollbackCli.Run record = rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        String release = record.json().path("result").path("release").asText();
        docker("tag", "rollback-fixture/app:v2", current);
        docker("service", "update", "--detach", "--force", "--image", current, stack + "_backend");
        awaitTasksOn(fixture("v2"));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("releaseReached").asText()).isEqualTo(release);
        assertThat(run.step("switch-services").path("status").asText()).isEqualTo("succeeded");
        assertThat(docker("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", stack + "_backend"))
            .startsWith(stack + "/backend:rollback-" + release);
        awaitTasksOn(fixture("v1"));
    }

    @Test
    void aServiceWithNoRunningTaskIsNotRecordedAsAnEmptyRelease() {
        docker("tag", "rollback-fixture/app:v1", stack + "/backend:current");
        createService(stack + "/backend:current");
        docker("service", "scale", "--detach", stack + "_backend=0");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!runningTaskImages().isEmpty() && System.nanoTime() < deadline) {
            TestStack.sleep(250);
        }

        RollbackCli.Run record = rollback("release", "record", "-o", "json");
        RollbackCli.Run forced = rollback("release", "record", "--force", "-o", "json");

        assertThat(record.exitCode()).as(record.err()).isEqualTo(3);
        assertThat(record.json().path("error").path("message").asText()).contains("0/0 tasks running");
        assertThat(forced.exitCode()).as(forced.err()).isEqualTo(3);
        assertThat(forced.json().path("error").path("message").asText()).contains("nothing to record");
        assertThat(rollback("release", "list", "-o", "json").json().path("result").path("releases")).isEmpty();
    }

    @Test
    void withoutALedgerTheEnginesPreviousSpecIsUsed() {
        docker("tag", "rollback-fixture/app:v1", stack + "/app:v1");
        docker("tag", "rollback-fixture/app:v2", stack + "/app:v2");
        createService(stack + "/app:v1");
        docker("service", "update", "--detach", "--image", stack + "/app:v2", stack + "_backend");
        awaitTasksOn(fixture("v2"));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.step("swarm-rollback-previous").path("status").asText()).isEqualTo("succeeded");
        assertThat(docker("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", stack + "_backend"))
            .startsWith(stack + "/app:v1");
        awaitTasksOn(fixture("v1"));
    }
}
