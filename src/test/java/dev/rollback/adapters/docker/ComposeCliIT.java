package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.TestDocker.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.docker.Compose.UpOptions;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ComposeCli with the compose the test bed gives it (v2; v1 in CI's Compose v1 leg), on a two-service
 * project written to a temp dir. Tests run in lifecycle order: up, stop/start, recreate, down.
 * Ports come from a non-default env file, so the stack only works when --env-file is passed.
 * The short grace period is for speed: the fixture's httpd runs as PID 1 and ignores SIGTERM.
 */
@TestMethodOrder(OrderAnnotation.class)
class ComposeCliIT {
    private static final String PROJECT = TestDocker.uniqueProject();
    private static final int WEB_PORT = TestDocker.freePort();
    private static final int API_PORT = TestDocker.freePort();
    private static Path workdir;
    private static DockerEngine engine;
    private static ComposeCli compose;

    @BeforeAll
    static void writeProject() throws IOException {
        TestDocker.quietLogs();
        workdir = Files.createTempDirectory(PROJECT);
        Files.writeString(workdir.resolve("stack.yml"), """
            version: "3.8"
            services:
              web:
                image: rollback-fixture/app:v1
                stop_grace_period: 1s
                ports: ["127.0.0.1:${WEB_PORT}:80"]
                volumes: ["data:/data"]
              api:
                image: rollback-fixture/app:v2
                stop_grace_period: 1s
                ports: ["127.0.0.1:${API_PORT}:80"]
            volumes:
              data: {}
            """);
        Files.writeString(workdir.resolve("stack.env"), "WEB_PORT=" + WEB_PORT + "\nAPI_PORT=" + API_PORT + "\n");
        engine = DockerEngine.connect(null);
        compose = ComposeCli.detect(new ComposeProject(PROJECT, workdir, List.of(Path.of("stack.yml")),
            Path.of("stack.env")), new ProcessRunner(), System.getenv("ROLLBACK_COMPOSE"));
    }

    @AfterAll
    static void removeEverything() throws IOException {
        TestDocker.sweep(PROJECT);
        if (engine != null) {
            engine.close();
        }
        if (workdir != null) {
            try (var files = Files.walk(workdir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void readsServicesAndTheResolvedConfigWithTheEnvFile() {
        // The test bed installs both; each CI leg must run the one it says it runs.
        assertThat(compose.implementation())
            .isEqualTo("v1".equals(System.getenv("ROLLBACK_COMPOSE")) ? "docker-compose" : "docker compose");
        assertThat(compose.services()).containsExactlyInAnyOrder("web", "api");
        assertThat(compose.config()).contains(String.valueOf(WEB_PORT), String.valueOf(API_PORT))
            .doesNotContain("${WEB_PORT}");
    }

    @Test
    @Order(2)
    void upStartsEveryServiceOnItsPublishedPort() throws Exception {
        compose.up(List.of(), UpOptions.DEFAULT);

        Map<String, ContainerInfo> containers = byService();
        assertThat(containers).containsOnlyKeys("web", "api");
        assertThat(containers.values()).allSatisfy(c -> assertThat(c.running()).isTrue());
        assertThat(containers.get("api").image()).isEqualTo("rollback-fixture/app:v2");
        TestDocker.awaitHealthy(engine, containers.get("web").name());
        assertThat(httpGet(WEB_PORT, "/version")).isEqualTo("v1");
        assertThat(httpGet(API_PORT, "/version")).isEqualTo("v2");
    }

    @Test
    @Order(3)
    void stopAndStartOnlyTheListedService() {
        compose.stop(List.of("web"));
        assertThat(byService().get("web").state()).isEqualTo("exited");
        assertThat(byService().get("api").running()).isTrue();

        compose.start(List.of("web"));
        assertThat(byService().get("web").running()).isTrue();
    }

    @Test
    @Order(4)
    void forceRecreateWithNoDepsReplacesOnlyTheListedService() {
        Map<String, ContainerInfo> before = byService();

        compose.up(List.of("web"), new UpOptions(true, true));

        Map<String, ContainerInfo> after = byService();
        assertThat(after.get("web").id()).isNotEqualTo(before.get("web").id());
        assertThat(after.get("web").running()).isTrue();
        assertThat(after.get("api").id()).isEqualTo(before.get("api").id());
    }

    @Test
    @Order(5)
    void anUnknownServiceFailsWithComposesOwnErrorLine() {
        assertThatThrownBy(() -> compose.up(List.of("nosuch"), UpOptions.DEFAULT))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).startsWith(compose.implementation() + " up failed for project " + PROJECT)
                    .containsIgnoringCase("no such service").contains("nosuch");
            });
    }

    @Test
    @Order(6)
    void downRemovesContainersAndNetworksButKeepsVolumes() {
        compose.down();

        String filter = "label=" + ContainerInfos.PROJECT_LABEL + "=" + PROJECT;
        assertThat(engine.projectContainers(PROJECT)).isEmpty();
        assertThat(docker("network", "ls", "-q", "--filter", filter)).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", filter)).isEqualTo(PROJECT + "_data");
    }

    private static Map<String, ContainerInfo> byService() {
        return engine.projectContainers(PROJECT).stream()
            .collect(Collectors.toMap(ContainerInfo::service, Function.identity()));
    }

    private static String httpGet(int port, String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
    }
}
