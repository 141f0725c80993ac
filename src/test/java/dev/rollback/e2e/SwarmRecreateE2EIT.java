package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recreate strategy, and {@code plan}, on a real one-node Swarm: a stack deployed with
 * {@code docker stack deploy} from a git checkout whose revisions differ in {@code .env}
 * ({@code APP_IMAGE}, which {@code docker stack} does not read itself: the tool passes it on).
 * Tasks publish in mode host (the routing mesh does not answer with --iptables=false).
 */
class SwarmRecreateE2EIT {
    private static final String STACK_LABEL = "com.docker.stack.namespace";

    @TempDir
    Path dir;

    private String stack;
    private int port;

    @BeforeAll
    static void swarmManager() {
        if (docker("info", "--format", "{{.Swarm.LocalNodeState}}").equals("inactive")) {
            Shell.run(null, Map.of(), "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        }
        assertThat(docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"))
            .isEqualTo("active true");
    }

    @BeforeEach
    void checkout() throws IOException {
        stack = "rbsr" + UUID.randomUUID().toString().substring(0, 8);
        port = TestStack.freePort();
        for (String version : List.of("v1", "v2", "broken")) {
            docker("tag", "rollback-fixture/app:" + version, image(version));
        }
        git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve(".gitignore"), ".rollback/\nbackups/\nrollback.yml\n");
        Files.writeString(dir.resolve("stack.yml"), """
            version: "3.8"
            services:
              backend:
                image: ${APP_IMAGE}
                ports:
                  - { target: 80, published: %d, mode: host }
                stop_grace_period: 1s
                volumes: ["data:/data"]
            volumes:
              data: {}
            """.formatted(port));
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: %s, target: swarm, compose-file: stack.yml, env-file: .env, app-services: [backend] }
            backups: { dir: ./backups }
            state-dir: .rollback
            docker: { helper-image: "rollback-fixture/busybox:latest" }
            health:
              timeout: 20s
              interval: 200ms
              checks:
                - { name: api, url: "http://127.0.0.1:%d/health" }
            """.formatted(stack, port));
    }

    @AfterEach
    void removeStack() {
        Shell.run(null, Map.of(), "docker", "stack", "rm", stack);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !(docker("ps", "-aq", "--filter", "label=" + STACK_LABEL + "=" + stack)
            .isEmpty() && docker("network", "ls", "-q", "--filter", "label=" + STACK_LABEL + "=" + stack).isEmpty())) {
            TestStack.sleep(500);
        }
        Shell.run(null, Map.of(), "docker", "volume", "rm", stack + "_data");
        docker("images", "--format", "{{.Repository}}:{{.Tag}}", "--filter", "reference=" + stack + "/*").lines()
            .filter(tag -> !tag.isBlank()).forEach(tag -> Shell.run(null, Map.of(), "docker", "rmi", tag));
    }

    @Test
    void theServiceRunsTheRevisionsImageAfterStackRmAndDeploy() throws Exception {
        String good = commit("v1");
        String goodEnv = Files.readString(dir.resolve(".env"));
        String current = commit("v2");
        deploy("v2");

        RollbackCli.Run run = rollback("recreate", "--to", good.substring(0, 10), "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(specImage()).isEqualTo(image("v1"));
        assertThat(runningTaskImageIds()).containsExactly(imageId("v1"));
        assertThat(version()).isEqualTo("v1");
        assertThat(Files.readString(dir.resolve(".env"))).isEqualTo(goodEnv);
        assertThat(git("rev-parse", "HEAD").strip()).as("HEAD does not move").isEqualTo(current);
        JsonNode result = run.json().path("result");
        assertThat(result.path("configRevision").asText()).isEqualTo(good);
        assertThat(run.step("prepare-images").path("detail").path("images").path("backend").asText())
            .isEqualTo(image("v1"));
        assertThat(run.step("stop-stack").path("detail").path("compose").asText()).isEqualTo("docker stack");
        assertThat(run.step("health-gate").path("detail").path("outcome").asText()).contains("service:" + stack + "_backend");
        assertThat(run.step("running:backend").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("healthy:backend").path("status").asText()).isEqualTo("succeeded");
        Path configBackup = Path.of(result.path("configBackup").asText());
        assertThat(Files.readString(configBackup.resolve(".env"))).contains(image("v2"));
        assertThat(result.path("volumeBackups")).hasSize(1);
        Path archive = Path.of(result.path("volumeBackups").get(0).asText());
        assertThat(archive.getFileName().toString()).matches(stack + "_data_\\d{8}_\\d{6}\\.tar\\.gz");
        assertThat(Files.size(archive)).isPositive();
        assertThat(result.path("downtimeMs").path("http:api").asLong()).isPositive()
            .isLessThanOrEqualTo(result.path("stopToHealthyMs").asLong());
        System.err.println("swarm recreate: " + run.millis() + " ms wall, stopToHealthyMs "
            + result.path("stopToHealthyMs") + ", downtimeMs " + result.path("downtimeMs"));
    }

    @Test
    void aTargetThatNeverGetsHealthyPutsThePreviousImageAndFilesBack() throws Exception {
        String broken = commit("broken");
        commit("v2");
        String v2Env = Files.readString(dir.resolve(".env"));
        deploy("v2");

        RollbackCli.Run run = rollback("recreate", "--to", broken, "--no-volume-backup", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("status").asText()).isEqualTo("failed");
        assertThat(run.step("health-gate").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:stop-stack").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("undo:stop-stack").path("detail").path("healthyAgain").asText()).startsWith("healthy after");
        assertThat(Files.readString(dir.resolve(".env"))).isEqualTo(v2Env);
        assertThat(specImage()).isEqualTo(image("v2"));
        // No waiting here: the command returned on a serving stack.
        assertThat(version()).isEqualTo("v2");
        assertThat(runningTaskImageIds()).containsExactly(imageId("v2"));
        assertThat(runningTaskHealth()).containsExactly("healthy");
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        String good = commit("v1");
        commit("v2");
        String v2Env = Files.readString(dir.resolve(".env"));
        deploy("v2");
        String serviceBefore = docker("service", "inspect", "-f", "{{.ID}} {{.Version.Index}}", stack + "_backend");
        List<String> containersBefore = runningTaskContainers();

        RollbackCli.Run run = rollback("recreate", "--to", good, "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("checkout-config").path("detail").path("changed").toString()).contains(".env");
        assertThat(run.step("backup-volumes").path("detail").path("volumes").toString()).contains(stack + "_data");
        assertThat(docker("service", "inspect", "-f", "{{.ID}} {{.Version.Index}}", stack + "_backend"))
            .isEqualTo(serviceBefore);
        assertThat(runningTaskContainers()).isEqualTo(containersBefore);
        assertThat(Files.readString(dir.resolve(".env"))).isEqualTo(v2Env);
        assertThat(dir.resolve("backups")).isEmptyDirectory();
        assertThat(version()).isEqualTo("v2");
    }

    /**
     * {@code plan} on a Swarm stack with a recorded good release recommends level 1, which Swarm
     * runs, and {@code --execute} brings the release back.
     */
    @Test
    void planRecommendsWhatSwarmCanRunAndExecutesIt() throws Exception {
        commit("v1");
        deploy("v1");
        RollbackCli.Run record = rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        commit("v2");
        deploy("v2");

        RollbackCli.Run run = rollback("plan", "--severity", "critical", "--execute", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("level").asInt()).isEqualTo(1);
        assertThat(run.json().path("result").path("executed").path("command").asText()).isEqualTo("redeploy");
        assertThat(run.step("redeploy:health-gate").path("status").asText()).isEqualTo("succeeded");
        assertThat(runningTaskImageIds()).containsExactly(imageId("v1"));
        assertThat(version()).isEqualTo("v1");
    }

    private String image(String version) {
        return stack + "/app:" + version;
    }

    /** Commits the stack file with a {@code .env} naming this version's image. */
    private String commit(String version) throws IOException {
        Files.writeString(dir.resolve(".env"), "APP_IMAGE=" + image(version) + "\n");
        git("add", "-A");
        git("commit", "-q", "-m", "deploy " + version);
        return git("rev-parse", "HEAD").strip();
    }

    /** What a deploy pipeline runs, then waits (at most 60 s) until the version answers through the published port. */
    private void deploy(String version) {
        List<String> argv = List.of("docker", "stack", "deploy", "--resolve-image", "never", "-c",
            dir.resolve("stack.yml").toString(), stack);
        Shell.run(dir, Map.of("APP_IMAGE", image(version)), 120, argv).requireSuccess(argv);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(version().equals(version) && runningTaskImageIds().equals(List.of(imageId(version)))
            && runningTaskHealth().equals(List.of("healthy")))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(stack + " never served " + version + ": " + version());
            }
            TestStack.sleep(250);
        }
    }

    private String specImage() {
        String image = docker("service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", stack + "_backend");
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    private static String imageId(String fixtureVersion) {
        return docker("image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:" + fixtureVersion);
    }

    /** The stack's running task containers, found by the stack's label. */
    private List<String> runningTaskContainers() {
        return docker("ps", "-q", "--filter", "label=" + STACK_LABEL + "=" + stack, "--filter", "status=running")
            .lines().filter(id -> !id.isBlank()).sorted().toList();
    }

    private List<String> runningTaskImageIds() {
        return runningTaskContainers().stream().map(id -> docker("inspect", "-f", "{{.Image}}", id)).toList();
    }

    private List<String> runningTaskHealth() {
        return runningTaskContainers().stream().map(id -> docker("inspect", "-f", "{{.State.Health.Status}}", id))
            .toList();
    }

    /** What {@code /version} answers now, or the failure. */
    private String version() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body().strip() : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "down: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private RollbackCli.Run rollback(String... args) {
        return RollbackCli.withConfigIn(dir, Map.of(), args);
    }

    private String git(String... args) {
        return Shell.ok(dir, GitStack.isolated(), Shell.concat(List.of("git"), args).toArray(String[]::new)).out();
    }

    private static String docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(null, Map.of(), 120, argv).requireSuccess(argv).out().strip();
    }
}
