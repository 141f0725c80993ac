package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 4 on this host, run from the jar against a real compose stack whose data lives in named
 * volumes (PostgreSQL's files, web's uploads): its containers, networks and volumes are removed for
 * real, and {@code infra-rebuild --provider local --restore-db latest} has to bring it back healthy,
 * on the recorded release, with the uploads of the volume archive and the rows of the dump.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfraRebuildLocalE2EIT {
    private static final String HELPER = "rollback-fixture/busybox:latest";

    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 300, true);
        stack.writeConfig("docker: { helper-image: " + HELPER + " }\n");
        stack.awaitHealthy();
        uploads("echo avatar-v1 > /data/avatar.txt");
        RollbackCli.Run record = stack.rollback("release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private String uploads(String script) {
        return stack.docker("run", "--rm", "-v", stack.project + "_uploads:/data", HELPER, "sh", "-c", script).out().strip();
    }

    private String users() {
        return stack.psql("select count(*) from users");
    }

    @Test
    @Order(1)
    void aTruncatedDumpIsRefusedBeforeAnythingIsStopped() throws Exception {
        Path cut = stack.backups.resolve("merq_29990101_000000.sql");
        Files.writeString(cut, "--\n-- PostgreSQL database dump\n--\nCOPY public.users (id, email) FROM stdin;\n1\ta@b\n");
        try {
            RollbackCli.Run run = stack.rollback("infra-rebuild", "--restore-db", cut.getFileName().toString(), "--yes",
                "-o", "json");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.json().path("status").asText()).isEqualTo("refused");
            assertThat(run.json().path("error").path("message").asText()).contains("choose-dump")
                .contains("nothing was changed");
            assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("web")).out().strip())
                .isEqualTo("true");
            assertThat(users()).isEqualTo("300");
        } finally {
            Files.delete(cut);
        }
    }

    @Test
    @Order(2)
    void rebuildsARemovedStackHealthyOnTheRecordedReleaseWithTheArchivedUploadsAndTheDumpsRows() throws Exception {
        RollbackCli.Run dump = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 50) g");
        stack.compose("stop");   // consistent volume archives: PostgreSQL shut down cleanly
        RollbackCli.Run volumes = stack.rollback("backup", "--volumes", "--no-database", "--yes", "-o", "json");
        assertThat(volumes.exitCode()).as(volumes.err()).isZero();
        stack.compose("start");
        uploads("echo avatar-v2 > /data/avatar.txt");
        stack.deploy("v2");   // an unrecorded deploy: the rebuild must bring back the recorded v1
        stack.compose("down", "-v", "--remove-orphans", "-t", "1");   // the disaster: nothing left of the stack
        assertThat(stack.docker("volume", "ls", "-q", "--filter", "name=" + stack.project).out()).isBlank();

        RollbackCli.Run run = stack.rollback("infra-rebuild", "--provider", "local", "--restore-db", "latest", "--yes",
            "-o", "json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("level").asInt()).isEqualTo(4);
        assertThat(result.path("provider").asText()).isEqualTo("local");
        assertThat(result.path("databaseBackup").asText()).isEqualTo(dump.json().path("result").path("backup").asText());
        assertThat(result.path("volumeArchives").has(stack.project + "_uploads")).isTrue();
        assertThat(result.path("recoveryTime").path("measuredMs").asLong()).isPositive();
        assertThat(result.path("phaseMs").has("restore-database")).isTrue();
        assertThat(users()).isEqualTo("300");
        assertThat(uploads("cat /data/avatar.txt")).isEqualTo("avatar-v1");
        assertThat(stack.runningImageId("web")).isEqualTo(stack.imageIdOf("rollback-fixture/app:v1"));
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageIdOf("rollback-fixture/app:v1"));
        for (String service : new String[] {"postgres", "backend", "web"}) {
            assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container(service)).out().strip())
                .as(service).isEqualTo("true");
        }
        assertThat(run.step("verify-all").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("verify-all").path("detail").path("steps").findValuesAsText("id"))
            .contains("running:postgres", "running:web", "query");
        Path bundle = Path.of(result.path("incidentBundle").asText());
        String summary = Shell.ok(dir, java.util.Map.of(), "sh", "-c", "tar xzf '" + bundle + "' -O --wildcards '*/summary.md'")
            .out();
        assertThat(summary).contains("no container of project " + stack.project + " exists");
        assertThat(Files.readString(stack.stateDir.resolve("journal.jsonl"))).contains("\"infra-rebuild\"")
            .doesNotContain(TestStack.PASSWORD);
        System.out.printf("level 4 local rebuild of the test stack: %d ms (report: %d ms)%n", run.millis(),
            result.path("recoveryTime").path("measuredMs").asLong());
    }
}
