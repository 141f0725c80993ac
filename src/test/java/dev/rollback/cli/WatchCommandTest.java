package dev.rollback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rollback.core.Confirmer;
import dev.rollback.core.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} in-process on a Dokploy stack (HTTP checks only, no Docker) whose health endpoint is a
 * local server: a healthy window is exit 0; a bad deploy whose rollback cannot reach Dokploy is still
 * exit 1, with the rollback's own failure nested in the report; no terminal and no --yes refuses
 * before any probe.
 */
class WatchCommandTest {
    @TempDir
    Path dir;

    private HttpServer app;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger probes = new AtomicInteger();
    private String config;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", exchange -> {
            probes.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        app.start();
        config = dir.resolve("rollback.yml").toString();
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: merq, target: dokploy }
            dokploy: { url: "http://127.0.0.1:1", application-id: app1 }
            state-dir: ./state
            health:
              timeout: 2s
              checks:
                - { name: api, url: "http://127.0.0.1:%d/health", retries: 1 }
            """.formatted(app.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    private CliRunner cli() {
        return new CliRunner().env("DOKPLOY_API_KEY", "k");
    }

    @Test
    void aHealthyWindowIsExitZeroAndRunsNothingElse() throws Exception {
        CliRunner.Result run = cli().run("watch", "-c", config, "--for", "1s", "--interval", "200ms", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(run.out());
        assertThat(report.path("status").asText()).isEqualTo("succeeded");
        assertThat(report.path("result").path("verdict").asText()).isEqualTo("healthy");
        assertThat(report.path("result").path("rounds").asInt()).isEqualTo(5);
        assertThat(report.path("steps").get(0).path("detail").path("checks").toString()).isEqualTo("[\"http:api\"]");
        assertThat(report.path("result").has("rollback")).isFalse();
        assertThat(probes.get()).isEqualTo(5);
    }

    @Test
    void aBadDeployWhoseRollbackFailsIsStillExitOneAndSaysSo() throws Exception {
        status.set(500);

        CliRunner.Result run = cli().run("watch", "-c", config, "--for", "30s", "--failures", "2", "--interval", "100ms",
            "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(run.out());
        JsonNode result = report.path("result");
        assertThat(result.path("verdict").asText()).isEqualTo("bad");
        assertThat(result.path("rounds").asInt()).isEqualTo(2);
        assertThat(result.path("failedRounds").get(1).path("failing").get(0).asText()).startsWith("http:api: 500");
        assertThat(result.path("rollbackSucceeded").asBoolean()).isFalse();
        assertThat(result.path("rollback").path("command").asText()).isEqualTo("redeploy");
        assertThat(result.path("rollback").path("error").path("exitCode").asInt()).as(run.out()).isEqualTo(4);
        assertThat(result.path("verify").isNull()).isTrue();
        assertThat(report.path("error").path("exitCode").asInt()).isEqualTo(1);
        assertThat(report.path("error").path("message").asText()).startsWith("watch: the deploy was judged bad: 2 failed rounds")
            .contains("the rollback (redeploy) ");
        assertThat(run.err().strip().lines().filter(line -> line.startsWith("rollback: "))).hasSize(1);
        List<String> journal = Files.readAllLines(dir.resolve("state/journal.jsonl"));
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0)).contains("\"command\":\"watch\"", "\"status\":\"failed\"");
        assertThat(journal.get(1)).contains("\"command\":\"redeploy\"");
    }

    @Test
    void withoutATerminalAndWithoutYesItRefusesBeforeProbing() {
        Confirmer noTerminal = new Confirmer() {
            @Override
            public boolean confirm(String command, List<String> destructive, String answer) {
                throw new AssertionError("never asked");
            }

            @Override
            public boolean canAsk() {
                return false;
            }
        };

        CliRunner.Result run = cli().confirmer(noTerminal).run("watch", "-c", config, "--for", "1m");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("rollback: watch may have to roll back by itself, and without a terminal"
            + " nobody can confirm it: re-run with --yes");
        assertThat(probes.get()).isZero();
    }
}
