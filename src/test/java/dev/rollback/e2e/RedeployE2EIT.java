package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Level 1 on a real compose stack: the ledger, the switch, the health gate, the undo. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeployE2EIT {
    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws Exception {
        stack = TestStack.up(dir, "v1", 10);
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void startFromV1WithAnEmptyLedger() throws Exception {
        stack.deploy("v1");
        Files.deleteIfExists(stack.stateDir.resolve("releases.jsonl"));
        Files.deleteIfExists(stack.stateDir.resolve("journal.jsonl"));
    }

    private String record(String... extra) {
        if (extra.length == 0) {
            stack.awaitHealthy();
        }
        String[] args = new String[extra.length + 3];
        args[0] = "release";
        args[1] = "record";
        args[2] = "-o=json";
        System.arraycopy(extra, 0, args, 3, extra.length);
        RollbackCli.Run run = stack.rollback(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.json().path("result").path("release").asText();
    }

    private String v(String version) {
        return stack.imageIdOf("rollback-fixture/app:" + version);
    }

    private JsonNode lastJournalEntry() throws Exception {
        List<String> lines = Files.readAllLines(stack.stateDir.resolve("journal.jsonl"));
        return Json.MAPPER.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void brokenDeployIsRolledBackToTheRecordedReleaseAndServesAgain() throws Exception {
        String good = record();
        stack.deploy("broken");

        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("command").asText()).isEqualTo("redeploy");
        assertThat(report.path("level").asInt()).isEqualTo(1);
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        assertThat(report.path("result").path("releaseReached").asText()).isEqualTo(good);
        assertThat(report.path("result").path("releaseLeft").asText()).isEqualTo("unrecorded");
        assertThat(report.path("result").path("downtimeMs").has("http:api")).isTrue();
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v1"));
        assertThat(stack.runningImageId("web")).isEqualTo(v("v1"));
        assertThat(Shell.ok(dir, Map.of(), "curl", "-sf", "http://127.0.0.1:" + stack.backendPort + "/version").out())
            .isEqualTo("v1\n");
        JsonNode journal = lastJournalEntry();
        assertThat(journal.path("command").asText()).isEqualTo("redeploy");
        assertThat(journal.path("status").asText()).isEqualTo("succeeded");
        assertThat(journal.path("steps").size()).isEqualTo(4);
        assertThat(run.step("check-migrations").path("status").asText()).isEqualTo("skipped");
        assertThat(run.step("check-migrations").path("detail").path("reason").asText()).contains("recorded no git commit");
    }

    @Test
    void aCrashLoopingDeployIsRolledBackToo() {
        String good = record();
        stack.deploy("crash");

        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("releaseReached").asText()).isEqualTo(good);
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v1"));
        assertThat(stack.docker("inspect", "-f", "{{.State.Status}}", stack.container("backend")).out().strip())
            .isEqualTo("running");
    }

    @Test
    void afterTwoQuickDeploysPreviousIsTheLastGoodOneAndToReachesAnOlderOne() {
        String r1 = record();
        stack.deploy("v2");
        String r2 = record();
        stack.deploy("v3");

        RollbackCli.Run back = stack.rollback("redeploy", "--yes", "-o", "json");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.json().path("result").path("releaseReached").asText()).isEqualTo(r2);
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v2"));

        RollbackCli.Run older = stack.rollback("redeploy", "--yes", "--to", r1, "-o", "json");
        assertThat(older.exitCode()).as(older.err()).isZero();
        assertThat(older.json().path("result").path("releaseLeft").asText()).isEqualTo(r2);
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v1"));
        assertThat(stack.runningImageId("web")).isEqualTo(v("v1"));
    }

    @Test
    void previousNeverRollsForward() {
        String r1 = record();
        stack.deploy("v2");
        record();
        assertThat(stack.rollback("redeploy", "--yes").exitCode()).isZero();   // back to r1

        RollbackCli.Run again = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.json().path("error").path("message").asText()).contains("nothing to roll back to");
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v1"));
        assertThat(r1).isNotBlank();
    }

    @Test
    void oneServiceOnlyLeavesTheOthersContainersAlone() {
        record();
        stack.deploy("v2");
        String webBefore = stack.containerId("web");
        String postgresBefore = stack.containerId("postgres");

        RollbackCli.Run run = stack.rollback("redeploy", "--service", "backend", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v1"));
        assertThat(stack.containerId("web")).isEqualTo(webBefore);
        assertThat(stack.runningImageId("web")).isEqualTo(v("v2"));
        assertThat(stack.containerId("postgres")).isEqualTo(postgresBefore);
    }

    @Test
    void failingHealthGatePutsBackWhatRanAndExitsOne() {
        stack.deploy("broken");
        String bad = record("--force");
        stack.deploy("v2");
        Map<String, String> env = stack.env();
        env.put("ROLLBACK_HEALTH_TIMEOUT", "10s");

        RollbackCli.Run run = stack.rollback(env, "redeploy", "--yes", "--to", bad, "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("status").asText()).isEqualTo("failed");
        assertThat(run.step("health-gate").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:switch-images").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("undo:switch-images").path("detail").path("healthyAgain").asText()).startsWith("healthy after");
        assertThat(run.json().path("error").path("message").asText()).contains("did not become healthy");
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v2"));
        assertThat(stack.runningImageId("web")).isEqualTo(v("v2"));
    }

    @Test
    void prunedImagesAreRefusedBeforeAnyContainerChanges() {
        String cid = stack.docker("create", "rollback-fixture/app:v1").out().strip();
        String unique = stack.project + "/unique:v1";
        stack.docker("commit", "--change", "LABEL rollback.test=" + stack.project, cid, unique);
        stack.docker("rm", cid);
        String uniqueId = stack.imageIdOf(unique);
        stack.docker("tag", unique, stack.image("backend"));
        stack.compose("up", "-d", "--no-build", "backend");
        String release = record();
        stack.deploy("v2");
        stack.docker("rmi", unique, stack.project + "/backend:rollback-" + release);
        assertThat(Shell.run(dir, Map.of(), "docker", "image", "inspect", uniqueId).exitCode()).isNotZero();
        String backendBefore = stack.containerId("backend");
        String webBefore = stack.containerId("web");

        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText())
            .contains("images of release " + release + " are gone").contains("backend").contains("restorable releases: none");
        assertThat(stack.containerId("backend")).isEqualTo(backendBefore);
        assertThat(stack.containerId("web")).isEqualTo(webBefore);
    }

    @Test
    void dryRunShowsTheChangesAndChangesNothing() {
        String release = record();
        stack.deploy("v2");
        String backendBefore = stack.containerId("backend");
        String webBefore = stack.containerId("web");

        RollbackCli.Run run = stack.rollback("redeploy", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("select-release").path("detail").path("to").asText()).isEqualTo(release);
        assertThat(run.step("select-release").path("detail").path("changes").toString())
            .contains("backend: ").contains("web: ").contains(stack.image("backend"));
        assertThat(stack.containerId("backend")).isEqualTo(backendBefore);
        assertThat(stack.containerId("web")).isEqualTo(webBefore);
        assertThat(stack.runningImageId("backend")).isEqualTo(v("v2"));
    }

    @Test
    void withoutYesAndWithoutATerminalNothingChanges() {
        record();
        stack.deploy("v2");
        String backendBefore = stack.containerId("backend");

        RollbackCli.Run run = stack.rollback("redeploy");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("--yes");
        assertThat(stack.containerId("backend")).isEqualTo(backendBefore);
    }

    @Test
    void emptyLedgerIsRefusedSayingHowToRecord() {
        RollbackCli.Run run = stack.rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("is empty").contains("release record");
    }

    @Test
    void recordRefusesAnUnhealthyStackUnlessForced() {
        stack.deploy("broken");

        RollbackCli.Run refused = stack.rollback("release", "record", "-o", "json");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.json().path("error").path("message").asText()).contains("not healthy").contains("--force");
        assertThat(stack.stateDir.resolve("releases.jsonl")).doesNotExist();
    }

    @Test
    void releaseListMarksTheCurrentReleaseAndWhatIsRestorable() {
        String r1 = record();
        stack.deploy("v2");
        String r2 = record();

        RollbackCli.Run list = stack.rollback("release", "list", "-o", "json");

        assertThat(list.exitCode()).isZero();
        JsonNode rows = list.json().path("result").path("releases");
        assertThat(rows.get(0).path("id").asText()).isEqualTo(r2);
        assertThat(rows.get(0).path("current").asBoolean()).isTrue();
        assertThat(rows.get(1).path("id").asText()).isEqualTo(r1);
        assertThat(rows.get(1).path("current").asBoolean()).isFalse();
        assertThat(rows.get(1).path("restorable").asBoolean()).isTrue();
        assertThat(stack.imageIdOf(stack.project + "/backend:rollback-" + r1)).isEqualTo(v("v1"));
    }
}
