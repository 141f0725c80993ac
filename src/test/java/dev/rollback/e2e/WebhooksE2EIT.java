package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the real jar: {@code revert} (level 2, no Docker: a local repository, a bare
 * remote and a deployer stand-in, {@link GitStack}) posts its start and end to a local receiver in
 * each format; no secret of the environment and no webhook URL token reaches a body, stdout,
 * stderr or the journal; a receiver that never answers costs the run at most {@code notify.timeout}
 * and is one warning line, the exit code unchanged.
 */
class WebhooksE2EIT {
    private static final String DB_SECRET = "db-sentinel-Secret-4711";
    private static final String API_SECRET = "dokploy-sentinel-Key-0815";
    /** What a Slack URL's path is: the credential. */
    private static final String URL_TOKEN = "T0001/B0002/urlTokenSentinel99";

    @TempDir
    Path dir;

    private GitStack git;
    private HttpServer receiver;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    record Post(String path, String body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    @BeforeEach
    void start() throws Exception {
        git = new GitStack(dir);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", this::receive);
        receiver.createContext("/stall", exchange -> {
            posts.add(new Post(exchange.getRequestURI().getPath(), read(exchange)));
            try {
                never.await(60, TimeUnit.SECONDS); // never answers within any bound the tool uses
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        receiver.stop(0);
        git.close();
    }

    private void receive(HttpExchange exchange) throws IOException {
        posts.add(new Post(exchange.getRequestURI().getPath(), read(exchange)));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private void configure(String timeout, String... hooks) throws IOException {
        StringBuilder yaml = new StringBuilder("notify:\n  timeout: " + timeout + "\n  webhooks:\n");
        for (String hook : hooks) {
            yaml.append("    - ").append(hook).append('\n');
        }
        git.writeConfig(yaml.toString());
    }

    private RollbackCli.Run revert(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", null);
        env.put("DB_PASSWORD", DB_SECRET);
        env.put("DOKPLOY_API_KEY", API_SECRET);
        return git.rollback(env, args);
    }

    private List<Post> postsTo(String prefix) {
        return posts.stream().filter(post -> post.path().startsWith(prefix)).toList();
    }

    private void assertNoSecretIn(String where, String text) {
        assertThat(text).as(where).doesNotContain(DB_SECRET).doesNotContain(API_SECRET).doesNotContain(URL_TOKEN)
            .doesNotContain("urlTokenSentinel99");
    }

    @Test
    void eachFormatHearsTheStartAndTheEndWithNoSecret() throws Exception {
        configure("3s",
            "{ url: \"" + url("/slack/" + URL_TOKEN) + "\", format: slack }",
            "{ url: \"" + url("/discord/" + URL_TOKEN) + "\", format: discord }",
            "{ url: \"" + url("/json/" + URL_TOKEN) + "\", format: json, events: [start, end] }",
            "{ url: \"" + url("/failures/" + URL_TOKEN) + "\", events: [failure] }");
        git.pushCommit("health.txt", "broken\n", "fix: tune the health endpoint");

        RollbackCli.Run run = revert("revert", "--yes", "-o", "json", "-vv"); // debug logs audited too

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Post> slack = postsTo("/slack/");
        assertThat(slack).hasSize(2);
        assertThat(slack.get(0).json().path("text").asText()).startsWith("rollback revert (level 2) on ").endsWith(": started");
        assertThat(slack.get(1).json().path("text").asText()).startsWith("rollback revert (level 2) on ")
            .contains(": succeeded in ");
        List<Post> discord = postsTo("/discord/");
        assertThat(discord).hasSize(2);
        assertThat(discord.get(0).json().path("content").asText()).endsWith(": started");
        assertThat(discord.get(1).json().path("content").asText()).contains(": succeeded in ");
        List<Post> json = postsTo("/json/");
        assertThat(json).hasSize(2);
        JsonNode started = json.get(0).json();
        JsonNode ended = json.get(1).json();
        assertThat(started.path("event").asText()).isEqualTo("start");
        assertThat(started.path("command").asText()).isEqualTo("revert");
        assertThat(ended.path("event").asText()).isEqualTo("end");
        assertThat(ended.path("status").asText()).isEqualTo("succeeded");
        assertThat(ended.path("level").asInt()).isEqualTo(2);
        assertThat(ended.path("durationMs").asLong()).isEqualTo(run.json().path("durationMs").asLong());
        assertThat(ended.path("host").asText()).isNotBlank();
        assertThat(ended.has("error")).isTrue();
        assertThat(postsTo("/failures/")).as("a run that succeeded is no failure").isEmpty();
        for (Post post : posts) {
            assertNoSecretIn("body to " + post.path(), post.body());
        }
        assertNoSecretIn("stdout", run.out());
        assertNoSecretIn("stderr", run.err());
        assertNoSecretIn("journal", Files.readString(dir.resolve(".rollback/journal.jsonl")));
    }

    @Test
    void aRefusedRunSaysWhyAndDryRunsAreNotAnnounced() throws Exception {
        configure("3s",
            "{ url: \"" + url("/json/" + URL_TOKEN) + "\" }",
            "{ url: \"" + url("/failures/" + URL_TOKEN) + "\", format: slack, events: [failure] }");
        git.pushCommit("health.txt", "broken\n", "break health");
        git.pushCommit("health.txt", "broken again\n", "break it differently");

        RollbackCli.Run dry = revert("revert", "--dry-run", "-o", "json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(posts).as("a dry run changes nothing: no post").isEmpty();

        String first = GitStack.git(git.workdir, "rev-parse", "HEAD~1").strip();
        RollbackCli.Run run = revert("revert", "--commit", first, "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        List<Post> json = postsTo("/json/");
        assertThat(json).hasSize(2);
        JsonNode ended = json.get(1).json();
        assertThat(ended.path("status").asText()).isEqualTo(run.json().path("status").asText());
        assertThat(ended.path("error").asText()).isEqualTo(run.json().path("error").path("message").asText())
            .contains("health.txt");
        List<Post> failures = postsTo("/failures/");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).json().path("text").asText()).contains("health.txt");
    }

    @Test
    void aReceiverThatNeverAnswersCostsAtMostTheBoundAndIsAWarning() throws Exception {
        git.writeConfig("");
        git.pushCommit("health.txt", "broken\n", "break health");
        RollbackCli.Run without = revert("revert", "--yes", "-o", "json");
        long afterReportWithout = Instant.now().toEpochMilli() - finishedAt(without);
        assertThat(without.exitCode()).as(without.err()).isZero();

        configure("2s", "{ url: \"" + url("/stall/" + URL_TOKEN) + "\", format: slack }");
        GitStack.git(git.developer, "pull", "-q", "--ff-only", "origin", "main");
        git.pushCommit("health.txt", "broken\n", "break health again");
        RollbackCli.Run run = revert("revert", "--yes", "-o", "json");
        // From the report's finishedAt to the process's end: printing, waiting for posts, exiting.
        long afterReport = Instant.now().toEpochMilli() - finishedAt(run);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(postsTo("/stall/")).as("start and end were both sent").hasSize(2);
        System.out.printf("webhook stall: run %d ms; from the report's end to the process's end %d ms"
            + " (without webhooks %d ms)%n", run.json().path("durationMs").asLong(), afterReport, afterReportWithout);
        assertThat(afterReport).as("the run's end to the process's end, a stalled webhook (bound 2s)")
            .isBetween(1_900L, 3_500L);
        assertThat(run.err()).contains("rollback: warning: webhook 127.0.0.1 (")
            .contains("did not answer within 2s");
        assertNoSecretIn("stderr", run.err());
        assertNoSecretIn("stdout", run.out());
    }

    private static long finishedAt(RollbackCli.Run run) {
        return Instant.parse(run.json().path("finishedAt").asText()).toEpochMilli();
    }
}
