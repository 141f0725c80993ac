package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback incident} run from the jar: against a real stack the bundle holds every part with
 * no secret in it; with the Docker daemon unreachable it is still written and says what is missing.
 */
class IncidentE2EIT {
    @TempDir
    Path dir;

    private static String extract(Path bundle, String member) {
        return Shell.ok(null, Map.of(), "sh", "-c", "tar xzf '" + bundle + "' -O --wildcards '*/" + member + "'").out();
    }

    private static String everything(Path bundle) {
        return Shell.ok(null, Map.of(), "sh", "-c", "tar xzf '" + bundle + "' -O").out();
    }

    @Test
    void withDockerUnreachableTheBundleIsStillWrittenAndSaysWhatIsMissing() throws Exception {
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: incidentnodocker }
            backups: { dir: ./backups }
            docker: { host: "tcp://127.0.0.1:1" }
            """);

        RollbackCli.Run run = RollbackCli.run(dir, Map.of(), "--config", dir.resolve("rollback.yml").toString(),
            "incident", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        Path bundle = Path.of(result.path("incidentBundle").asText());
        assertThat(bundle.getFileName().toString()).matches("incident_\\d{8}_\\d{6}\\.tar\\.gz");
        assertThat(bundle).exists();
        assertThat(dir.resolve("backups").toFile().list()).containsExactly(bundle.getFileName().toString());
        assertThat(result.path("incidentMissing").get(0).asText())
            .startsWith("containers, docker-ps, inspect, logs: Docker daemon at tcp://127.0.0.1:1 is unreachable");
        String summary = extract(bundle, "summary.md");
        assertThat(summary).contains("## Not collected", "Docker daemon at tcp://127.0.0.1:1 is unreachable",
            "## Disk and memory", "MemTotal");
        assertThat(extract(bundle, "disk.txt")).contains("avail MiB");
        assertThat(Files.readString(dir.resolve(".rollback/journal.jsonl"))).contains("\"incident\"");
        RollbackCli.Run listing = RollbackCli.run(dir, Map.of(), "--config", dir.resolve("rollback.yml").toString(),
            "backups", "-o", "json");
        assertThat(listing.json().path("result").path("backups").get(0).path("format").asText()).isEqualTo("incident");
        assertThat(listing.json().path("result").path("backups").get(0).path("complete").asBoolean()).isTrue();
    }

    @Test
    void aRunningStacksBundleHasEveryPartAndNoSecret() throws Exception {
        try (TestStack stack = TestStack.up(dir, "v1", 10)) {
            stack.awaitHealthy();
            Shell.ok(dir, Map.of(), "git", "init", "-q");
            Shell.ok(dir, Map.of(), "git", "-c", "user.name=ops", "-c", "user.email=ops@merq.example", "commit", "-q",
                "--allow-empty", "-m", "deploy v1");

            RollbackCli.Run run = stack.rollback("incident", "-o", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Path bundle = Path.of(run.json().path("result").path("incidentBundle").asText());
            String listing = Shell.ok(null, Map.of(), "tar", "tzf", bundle.toString()).out();
            assertThat(listing).contains("/summary.md", "/docker-ps.txt", "/compose-config.yml", "/disk.txt",
                "/memory.txt", "/http-checks.txt", "/database.txt", "/git.txt",
                "/inspect/" + stack.containerName("postgres") + ".json", "/logs/" + stack.containerName("web") + ".log");
            assertThat(extract(bundle, "summary.md")).contains("| postgres | " + stack.containerName("postgres"));
            assertThat(extract(bundle, "docker-ps.txt")).contains(stack.containerName("web"));
            assertThat(extract(bundle, "git.txt")).contains("deploy v1").contains(".env");
            assertThat(extract(bundle, "inspect/" + stack.containerName("postgres") + ".json"))
                .contains("\"POSTGRES_PASSWORD=<redacted>\"");
            assertThat(extract(bundle, "compose-config.yml")).contains("POSTGRES_PASSWORD: \"<redacted>\"");
            assertThat(extract(bundle, "logs/" + stack.containerName("web") + ".log")).contains("app v1 starting");
            assertThat(everything(bundle)).doesNotContain(TestStack.PASSWORD);
        }
    }
}
