package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * blue-green on a real compose stack behind a real Caddy, under continuous load through Caddy
 * (3,000+ requests at 100/s): a failed request is any non-2xx answer or I/O error, and there must be none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueGreenE2EIT {
    private static final int RATE = 100;
    private static final int MIN_REQUESTS = 3000;

    @TempDir
    static Path dir;

    private BlueGreenStack stack;

    @BeforeAll
    void createStack() throws Exception {
        stack = new BlueGreenStack(dir);
    }

    @AfterAll
    void removeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private LoadGenerator load() {
        return LoadGenerator.start(List.of(stack.url("/version"), stack.url("/api/version")), RATE);
    }

    private void assertGreenIsGone() {
        String green = stack.project + "-green";
        assertThat(stack.containers(green)).isEmpty();
        assertThat(stack.networksAndVolumes(green)).isEmpty();
        assertThat(dir.resolve(".rollback/blue-green/" + green + ".yml")).doesNotExist();
        assertThat(BlueGreenStack.docker("ps", "-aq", "--filter",
            "label=dev.rollback.network-of=" + stack.caddyContainer())).isBlank();
    }

    @Test
    void fromBrokenBackToAUnderLoadWithoutOneFailedRequest() throws Exception {
        stack.deploy(stack.commitB);
        assertThat(stack.get("/version")).isEqualTo("broken");
        String caddyBefore = stack.caddyConfig();
        List<String> primaryBefore = stack.containers(stack.project);

        LoadGenerator load = load();
        Thread.sleep(1000);
        RollbackCli.Run run = stack.rollback(Map.of(), "blue-green", "--to", "HEAD~1", "--yes", "-o", "json");
        LoadGenerator.Result traffic = load.stopAfter(Math.max(MIN_REQUESTS, load.sent() + RATE));

        System.out.printf("blue-green broken -> v1: exit %d in %d ms; %s%n", run.exitCode(), run.millis(), traffic.summary());
        System.out.println("phases: " + run.json().path("result").path("phasesMs") + ", switch: "
            + run.json().path("result").path("switchToGreenMs") + " ms / " + run.json().path("result").path("switchToPrimaryMs") + " ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(result.path("serving").asText()).isEqualTo("primary");
        assertThat(result.path("commit").asText()).isEqualTo(stack.commitA);
        assertThat(traffic.sent()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
        assertThat(traffic.bodies()).containsKeys("broken", "v1");
        assertThat(stack.get("/version")).isEqualTo("v1");
        assertThat(stack.get("/api/version")).isEqualTo("v1");
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageId("rollback-fixture/app:v1"));
        assertThat(stack.workdirFile()).isEqualTo(stack.fileAt(stack.commitA));
        assertThat(stack.git("rev-parse", "HEAD").strip()).isEqualTo(stack.commitB);
        assertThat(stack.caddyConfig()).isEqualTo(caddyBefore);
        assertThat(stack.containers(stack.project)).isEqualTo(primaryBefore);
        assertGreenIsGone();
        assertThat(dir.resolve("backups").toFile().list()).anyMatch(name -> name.startsWith(stack.project + "-config_"));
    }

    @Test
    void withoutToTheStackGoesBackToThePreviousReleaseOnMutableTags() throws Exception {
        String onCurrent = stack.commit("current", "the pipeline moves :current");
        for (String service : List.of("backend", "web")) {
            BlueGreenStack.docker("tag", "rollback-fixture/app:v1", stack.project + "/" + service + ":current");
        }
        stack.deploy(onCurrent);
        stack.awaitHealthy();
        RollbackCli.Run record = stack.rollback(Map.of(), "release", "record", "-o", "json");
        assertThat(record.exitCode()).as(record.err()).isZero();
        for (String service : List.of("backend", "web")) {
            BlueGreenStack.docker("tag", "rollback-fixture/app:broken", stack.project + "/" + service + ":current");
        }
        stack.deploy(onCurrent);
        assertThat(stack.get("/version")).isEqualTo("broken");

        LoadGenerator load = load();
        Thread.sleep(1000);
        RollbackCli.Run run = stack.rollback(Map.of(), "blue-green", "--yes", "-o", "json");
        LoadGenerator.Result traffic = load.stopAfter(Math.max(MIN_REQUESTS, load.sent() + RATE));

        System.out.printf("blue-green to the previous release: exit %d in %d ms; %s%n", run.exitCode(), run.millis(),
            traffic.summary());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("target").asText())
            .startsWith("release " + record.json().path("result").path("release").asText());
        assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
        assertThat(stack.get("/version")).isEqualTo("v1");
        assertThat(stack.imageId(stack.project + "/backend:current")).isEqualTo(stack.imageId("rollback-fixture/app:v1"));
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageId("rollback-fixture/app:v1"));
        assertGreenIsGone();
    }

    @Test
    void greenThatNeverGetsHealthyIsRemovedAndBlueServesOn() throws Exception {
        stack.deploy(stack.commitA);
        String caddyBefore = stack.caddyConfig();
        String fileBefore = stack.workdirFile();

        LoadGenerator load = load();
        Thread.sleep(1000);
        RollbackCli.Run run = stack.rollback(Map.of("ROLLBACK_HEALTH_TIMEOUT", "8s"),
            "blue-green", "--to", stack.commitB, "--yes", "-o", "json");
        LoadGenerator.Result traffic = load.stopAfter(Math.max(MIN_REQUESTS, load.sent() + RATE));

        System.out.printf("blue-green to a broken green: exit %d in %d ms; %s%n", run.exitCode(), run.millis(),
            traffic.summary());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.json().path("status").asText()).isEqualTo("failed");
        assertThat(run.json().path("result").path("serving").asText()).isEqualTo("blue");
        assertThat(run.step("await-green").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:start-green").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("switch-to-green").path("status").asText()).isEqualTo("skipped");
        assertThat(run.json().path("error").path("message").asText()).contains("green did not become healthy");
        assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
        assertThat(traffic.bodies()).containsOnlyKeys("v1");
        assertThat(stack.get("/version")).isEqualTo("v1");
        assertThat(stack.caddyConfig()).isEqualTo(caddyBefore);
        assertThat(stack.workdirFile()).isEqualTo(fileBefore);
        assertGreenIsGone();
    }

    @Test
    void unreachableCaddyAdminIsExitFourBeforeAnythingStarts() throws Exception {
        stack.deploy(stack.commitB);
        List<String> before = stack.containers(stack.project);
        String closed = "http://127.0.0.1:" + TestStack.freePort();

        RollbackCli.Run run = stack.rollback(Map.of("ROLLBACK_PROXY_ADMIN", closed),
            "blue-green", "--to", stack.commitA, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.json().path("status").asText()).isEqualTo("refused");
        assertThat(run.json().path("error").path("message").asText())
            .contains("Caddy admin API at " + closed + " is unreachable");
        assertThat(run.err()).contains("is unreachable");
        assertThat(stack.containers(stack.project)).isEqualTo(before);
        assertThat(stack.workdirFile()).isEqualTo(stack.fileAt(stack.commitB));
        assertGreenIsGone();
    }

    @Test
    void dryRunPrintsTheGreenFileAndEveryCommandAndChangesNothing() throws Exception {
        stack.deploy(stack.commitB);
        List<String> before = stack.containers(stack.project);

        RollbackCli.Run run = stack.rollback(Map.of(), "blue-green", "--to", stack.commitA, "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        String file = run.step("generate-green-file").path("detail").path("file").asText();
        assertThat(file).contains("127.0.0.1:" + (stack.backendPort + stack.offset) + ":80")
            .contains(stack.project + "/backend:v1").contains("name: " + stack.project + "_pgdata")
            .contains("${DB_PASSWORD}").doesNotContain(TestStack.PASSWORD);
        assertThat(run.step("start-green").path("detail").path("commands").toString())
            .contains("up --no-start --no-build --no-deps backend web")
            .contains("--project-directory " + stack.workdir).contains("docker network connect");
        assertThat(run.step("start-primary").path("detail").path("command").asText()).contains("up -d --no-build --no-deps");
        assertThat(run.step("remove-green").path("detail").path("commands").toString()).contains(" down");
        assertThat(stack.containers(stack.project)).isEqualTo(before);
        assertGreenIsGone();

        RollbackCli.Run text = stack.rollback(Map.of(), "blue-green", "--to", stack.commitA, "--dry-run");
        assertThat(text.out()).contains("green compose file:").contains("  | ").contains("planned   switch-to-green")
            .contains("commands:").contains("  $ docker").contains(" down");
    }
}
