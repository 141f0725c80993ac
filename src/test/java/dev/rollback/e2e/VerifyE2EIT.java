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
            "http:api", "http:web", "query");
        assertThat(run.step("query").path("detail").path("value").asText()).isEqualTo("100");
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
        assertThat(text.err()).contains("[1/");   // progress goes to stderr
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
                .isEqualTo("service worker has no container in project " + stack.project);
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
        assertThat(run.millis()).isLessThan(8_000);   // JVM start included; the daemon check itself is < 5 s
    }

    @Test
    void verifyRunsAreJournaled() throws Exception {
        stack.rollback("verify", "-q");

        List<String> lines = java.nio.file.Files.readAllLines(stack.stateDir.resolve("journal.jsonl"));
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).contains("\"command\":\"verify\"").doesNotContain(TestStack.PASSWORD);
    }
}
