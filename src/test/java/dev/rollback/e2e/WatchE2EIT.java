package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.core.Json;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} on a real compose stack after a deploy: a broken image is rolled back to the recorded
 * release by itself (exit 1, the report says so), a healthy deploy is left alone (exit 0, no
 * container restarted), bad input is exit 2, and Ctrl-C while probing is exit 130 with no rollback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchE2EIT {
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
        Files.deleteIfExists(stack.stateDir.resolve("unfinished.json"));
    }

    private String record() {
        stack.awaitHealthy();
        RollbackCli.Run run = stack.rollback("release", "record", "-o=json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.json().path("result").path("release").asText();
    }

    private List<JsonNode> journal() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(stack.stateDir.resolve("journal.jsonl"))) {
            entries.add(Json.MAPPER.readTree(line));
        }
        return entries;
    }

    /** service → "container ID started-at", found by compose labels: unchanged means not restarted. */
    private Map<String, String> containersNow() {
        return Map.of("backend", started("backend"), "web", started("web"), "postgres", stack.postgresContainer()
            + " " + stack.docker("inspect", "-f", "{{.Id}} {{.State.StartedAt}}", stack.postgresContainer()).out().strip());
    }

    private String started(String service) {
        return stack.docker("inspect", "-f", "{{.Id}} {{.State.StartedAt}}", stack.container(service)).out().strip();
    }

    @Test
    void aBrokenDeployIsRolledBackToThePreviousReleaseByItselfAndExitsOne() throws Exception {
        String good = record();
        stack.deploy("broken");
        List<JsonNode> posts = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            posts.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        RollbackCli.Run run;
        try {
            stack.writeConfig("notify:\n  webhooks:\n    - { url: \"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook\", format: json }\n");
            run = stack.rollback("watch", "--for", "60s", "--failures", "2", "--interval", "1s", "--yes", "-o", "json");
        } finally {
            receiver.stop(0);
            stack.writeConfig("");
        }
        System.out.printf("watch over a broken deploy: exit %d in %d ms; watch step %d ms; redeploy %d ms; verify %d ms%n",
            run.exitCode(), run.millis(), run.step("watch").path("durationMs").asLong(),
            run.json().path("result").path("rollback").path("durationMs").asLong(),
            run.json().path("result").path("verify").path("durationMs").asLong());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = run.json();
        assertThat(report.path("command").asText()).isEqualTo("watch");
        assertThat(report.path("status").asText()).isEqualTo("failed");
        JsonNode result = report.path("result");
        assertThat(result.path("verdict").asText()).isEqualTo("bad");
        JsonNode lastFailed = result.path("failedRounds").get(result.path("failedRounds").size() - 1);
        assertThat(lastFailed.path("at").asText()).isNotBlank();
        assertThat(lastFailed.path("failing").toString()).contains("http:api").contains("404");
        assertThat(result.path("rollbackSucceeded").asBoolean()).isTrue();
        assertThat(result.path("rollback").path("command").asText()).isEqualTo("redeploy");
        assertThat(result.path("rollback").path("status").asText()).isEqualTo("succeeded");
        assertThat(result.path("rollback").path("result").path("releaseReached").asText()).isEqualTo(good);
        assertThat(result.path("verify").path("status").asText()).as(run.out()).isEqualTo("succeeded");
        assertThat(run.step("redeploy:switch-images").path("status").asText()).isEqualTo("succeeded");
        assertThat(report.path("error").path("message").asText()).contains("judged bad").contains("rolled back with redeploy");
        assertThat(run.millis()).as("judged within the window, not at its end").isLessThan(60_000);

        String v1 = stack.imageIdOf("rollback-fixture/app:v1");
        assertThat(stack.runningImageId("backend")).isEqualTo(v1);
        assertThat(stack.runningImageId("web")).isEqualTo(v1);
        assertThat(Shell.ok(dir, Map.of(), "curl", "-sf", "http://127.0.0.1:" + stack.backendPort + "/version").out())
            .isEqualTo("v1\n");
        assertThat(journal()).extracting(entry -> entry.path("command").asText() + " " + entry.path("status").asText())
            .containsSubsequence("watch failed", "redeploy succeeded", "verify succeeded");
        assertThat(posts).as("the webhook hears the watch and the rollback it triggered, the watch's end last")
            .extracting(post -> post.path("event").asText() + " " + post.path("command").asText())
            .containsExactly("start watch", "start redeploy", "end redeploy", "end watch");
        assertThat(posts.get(3).path("status").asText()).isEqualTo("failed");
        assertThat(posts.get(3).path("error").asText()).contains("judged bad").contains("rolled back with redeploy");
    }

    @Test
    void thenPlanRunsWhatTheDecisionTreeRecommends() throws Exception {
        String good = record();
        stack.deploy("broken");

        RollbackCli.Run run = stack.rollback("watch", "--for", "60s", "--failures", "2", "--interval", "1s",
            "--then", "plan", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode rollback = run.json().path("result").path("rollback");
        assertThat(rollback.path("command").asText()).isEqualTo("plan");
        assertThat(rollback.path("status").asText()).as(run.out()).isEqualTo("succeeded");
        assertThat(rollback.path("result").path("commandLine").asText()).contains("redeploy");
        assertThat(rollback.path("result").path("executed").path("result").path("releaseReached").asText())
            .isEqualTo(good);
        assertThat(run.json().path("result").path("rollbackSucceeded").asBoolean()).isTrue();
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageIdOf("rollback-fixture/app:v1"));
        assertThat(journal()).extracting(entry -> entry.path("command").asText() + " " + entry.path("status").asText())
            .containsSubsequence("watch failed", "redeploy succeeded", "verify succeeded");
    }

    @Test
    void aHealthyDeployPassesTheWindowAndNothingIsRestarted() throws Exception {
        record();
        stack.deploy("v2");
        stack.awaitHealthy();
        Map<String, String> before = containersNow();

        RollbackCli.Run run = stack.rollback("watch", "--for", "5s", "--interval", "1s", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(result.path("verdict").asText()).isEqualTo("healthy");
        assertThat(result.path("rounds").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(result.path("failedRoundsTotal").asInt()).isZero();
        assertThat(result.has("rollback")).isFalse();
        assertThat(run.step("watch").path("detail").path("checks").toString())
            .contains("container:backend", "container:web", "http:api", "http:web");
        assertThat(containersNow()).isEqualTo(before);
        assertThat(stack.runningImageId("backend")).isEqualTo(stack.imageIdOf("rollback-fixture/app:v2"));
        List<JsonNode> journal = journal();
        assertThat(journal.get(journal.size() - 1).path("command").asText()).isEqualTo("watch");
        assertThat(journal.get(journal.size() - 1).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void dryRunSaysWhatItWouldWatchAndWhatItWouldRun() {
        String good = record();
        stack.deploy("v2");
        Map<String, String> before = containersNow();

        RollbackCli.Run run = stack.rollback("watch", "--for", "5m", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("watch").path("detail").path("onBadDeploy").asText())
            .isEqualTo("rollback redeploy, then rollback verify");
        assertThat(run.step("redeploy:select-release").path("detail").path("to").asText()).isEqualTo(good);
        assertThat(containersNow()).isEqualTo(before);
    }

    @Test
    void badInputIsExitTwoWithOneLine() {
        for (List<String> args : List.of(List.of("--for", "0s"), List.of("--for", "1m", "--failures", "0"),
            List.of("--for", "1m", "--then", "nonsense"), List.of("--for", "5s", "--interval", "10s"))) {
            List<String> argv = new ArrayList<>(List.of("watch", "--yes"));
            argv.addAll(args);

            RollbackCli.Run run = stack.rollback(argv.toArray(String[]::new));

            assertThat(run.exitCode()).as(args + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(String.valueOf(args)).hasSize(1)
                .allMatch(line -> line.startsWith("rollback: "));
        }
    }

    @Test
    void ctrlCWhileProbingExits130AndRollsNothingBack() throws Exception {
        record();
        stack.deploy("broken");
        String broken = stack.imageIdOf("rollback-fixture/app:broken");
        List<String> argv = new ArrayList<>(List.of("java", "-jar", RollbackCli.jar().toString(),
            "--config", dir.resolve("rollback.yml").toString(),
            "watch", "--for", "2m", "--failures", "1000", "--interval", "1s", "--yes", "-o", "json"));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        builder.environment().putAll(stack.env());
        Process process = builder.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(out);
                } catch (IOException ended) {
                    // the process ended
                }
            });
            reader.start();
            BufferedReader progress = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
            String line;
            while ((line = progress.readLine()) != null && !line.contains("failed (2 of 1000 in a row)")) {
                // the run's own bound (the 2 min window) ends this loop
            }
            assertThat(line).as("the progress line of a failed round").isNotNull();
            Shell.ok(dir, Map.of(), "kill", "-INT", String.valueOf(process.pid()));
            Thread drain = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException ended) {
                    // the process ended
                }
            });
            drain.start();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops soon after Ctrl-C").isTrue();
            reader.join();
            assertThat(process.exitValue()).isEqualTo(130);
            JsonNode report = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(report.path("status").asText()).isEqualTo("interrupted");
            assertThat(report.path("result").path("verdict").asText()).isEqualTo("interrupted");
            assertThat(report.path("result").has("rollback")).isFalse();
            assertThat(report.path("error").path("message").asText()).contains("nothing was rolled back");
            assertThat(stack.runningImageId("backend")).isEqualTo(broken);
            assertThat(journal()).extracting(entry -> entry.path("command").asText())
                .doesNotContain("redeploy").endsWith("watch");
        } finally {
            process.destroyForcibly();
        }
    }
}
