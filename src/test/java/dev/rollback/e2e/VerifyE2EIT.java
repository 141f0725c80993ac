package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollback verify} run as a user runs it, against a real compose stack and database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 100);
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("steps").forEach(step -> ids.add(step.path("id").asText()));
        return ids;
    }

    @Test
    void healthyStackPassesEveryCheckWithOneStepPerCheck() {
        RollbackCli.Run run = stack.rollback("verify", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("command").asText()).isEqualTo("verify");
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        assertThat(ids(report)).containsExactlyInAnyOrder(
            "running:postgres", "healthy:postgres", "logs:postgres",
            "running:backend", "healthy:backend", "logs:backend",
            "running:web", "healthy:web", "logs:web",
            "http:api", "http:web", "query", "archiving");
        assertThat(run.step("query").path("detail").path("value").asText()).isEqualTo("100");
        assertThat(run.step("archiving").path("status").asText()).as("no WAL archive was ever set up here")
            .isEqualTo("skipped");
        assertThat(run.step("http:api").path("detail").path("result").asText()).startsWith("200");
        assertThat(report.has("error")).isFalse();
    }

    @Test
    void stoppedBackendFailsVerifyNamingTheFailingSteps() {
        String backend = stack.containerName("backend");
        stack.docker("stop", "-t", "1", backend);
        try {
            RollbackCli.Run run = stack.rollback("verify", "-o", "json");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.json().path("status").asText()).isEqualTo("failed");
            assertThat(run.step("running:backend").path("status").asText()).isEqualTo("failed");
            assertThat(run.step("running:backend").path("detail").path("error").asText())
                .contains(backend).contains("exited");
            assertThat(run.step("http:api").path("status").asText()).isEqualTo("failed");
            assertThat(run.step("running:web").path("status").asText()).isEqualTo("succeeded");
            assertThat(run.json().path("error").path("message").asText()).contains("running:backend");
            assertThat(run.err()).contains("running:backend");
        } finally {
            stack.docker("start", backend);
        }
    }

    @Test
    void textOutputIsReadableAndJsonIsTheOnlyThingOnStdout() {
        RollbackCli.Run text = stack.rollback("verify");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("verify: succeeded").contains("running:backend").contains("http:api");
        assertThat(text.out()).containsPattern("(?m)^  succeeded +running:backend +containers of backend are running")
            .doesNotContain("\"status\"");
    }

    @Test
    void aServiceWithoutAContainerIsNamed() throws Exception {
        Path compose = dir.resolve("docker-compose.yml");
        String original = java.nio.file.Files.readString(compose);
        java.nio.file.Files.writeString(compose, original + """
              worker:
                image: rollback-fixture/app:v1
            """);
        try {
            RollbackCli.Run run = stack.rollback("verify", "-o", "json");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.step("running:worker").path("detail").path("error").asText())
                .isEqualTo("service worker has no container in stack " + stack.project);
        } finally {
            java.nio.file.Files.writeString(compose, original);
        }
    }

    @Test
    void unreachableDockerDaemonIsExitFourWithinSeconds() {
        Map<String, String> env = stack.env();
        env.put("DOCKER_HOST", "unix:///tmp/no-such-docker.sock");

        RollbackCli.Run run = stack.rollback(env, "verify", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().path("error").path("message").asText()).contains("unix:///tmp/no-such-docker.sock");
        // Fails fast rather than hanging on a timeout (minutes); speed itself is measured in bench/.
        assertThat(run.millis()).isLessThan(30_000);
    }

    @Test
    void sigintStopsAtTheNextStepBoundaryWithExit130AndIsJournaled() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Accepts connections and never answers: the HTTP step runs for its full 3 x 2 s.
            Thread acceptor = new Thread(() -> {
                List<java.net.Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(socket -> {
                        try {
                            socket.close();
                        } catch (java.io.IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path config = dir.resolve("rollback-slow.yml");
            java.nio.file.Files.writeString(config, java.nio.file.Files.readString(dir.resolve("rollback.yml")).replace(
                "    - { name: api,", "    - { name: slow, url: \"http://127.0.0.1:" + silent.getLocalPort()
                    + "/health\", timeout: 2s, retries: 3 }\n    - { name: api,"));
            List<String> argv = new ArrayList<>(List.of("java", "-jar", RollbackCli.jar().toString(),
                "--config", config.toString(), "verify", "-o", "json"));
            ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
            builder.environment().putAll(stack.env());
            Process process = builder.start();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(out);
                } catch (java.io.IOException ignored) {
                    // ended
                }
            });
            reader.start();
            // SIGINT once the slow HTTP step started (its progress line on stderr), not after a fixed
            // pause: on a loaded machine the JVM was still starting after 2.5 s.
            java.io.BufferedReader progress = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
            String slowUrl = "127.0.0.1:" + silent.getLocalPort() + "/health";
            String line;
            while ((line = progress.readLine()) != null && !line.contains(slowUrl)) {
                // the steps before it (the process's own bounds end this loop: verify does not hang)
            }
            assertThat(line).as("the progress line of the slow step").isNotNull().contains(slowUrl);
            Shell.ok(dir, Map.of(), "kill", "-INT", String.valueOf(process.pid()));
            Thread drain = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // ended
                }
            });
            drain.start();

            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            reader.join();
            assertThat(process.exitValue()).isEqualTo(130);
            JsonNode report = dev.rollback.core.Json.MAPPER.readTree(out.toString());
            assertThat(report.path("status").asText()).isEqualTo("interrupted");
            assertThat(report.path("error").path("exitCode").asInt()).isEqualTo(130);
            List<String> journal = java.nio.file.Files.readAllLines(stack.stateDir.resolve("journal.jsonl"));
            assertThat(journal.get(journal.size() - 1)).contains("\"status\":\"interrupted\"");
        }
    }

    @Test
    void verifyRunsAreJournaled() throws Exception {
        stack.rollback("verify", "-q");

        List<String> lines = java.nio.file.Files.readAllLines(stack.stateDir.resolve("journal.jsonl"));
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).contains("\"command\":\"verify\"").doesNotContain(TestStack.PASSWORD);
    }
}
