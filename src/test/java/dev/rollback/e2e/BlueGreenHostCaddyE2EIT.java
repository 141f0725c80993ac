package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * blue-green when Caddy runs on the host's network and dials the app's published ports
 * ({@code reverse_proxy 127.0.0.1:<port>}), under continuous load through Caddy (3,000+ requests at
 * 100/s): the switch moves the dials to green's shifted ports and back, and no request fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueGreenHostCaddyE2EIT {
    private static final int RATE = 100;
    private static final int MIN_REQUESTS = 3000;

    @TempDir
    static Path dir;

    private HostCaddyStack stack;

    @BeforeAll
    void createStack() throws Exception {
        stack = new HostCaddyStack(dir);
    }

    @AfterAll
    void removeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void fromV3BackToV1ThroughAHostNetworkCaddyWithoutOneFailedRequest() throws Exception {
        stack.deploy(stack.commitV3, "v3");
        String caddyBefore = stack.caddyConfig();
        List<String> primaryBefore = stack.containers(stack.project);

        long loadStart = System.currentTimeMillis();
        LoadGenerator load = LoadGenerator.start(List.of(stack.url("/version"), stack.url("/api/version")), RATE);
        Thread.sleep(1000);
        RollbackCli.Run run = stack.rollback("blue-green", "--to", stack.commitV1, "--yes", "-o", "json");
        LoadGenerator.Result traffic = load.stopAfter(Math.max(MIN_REQUESTS, load.sent() + RATE));

        System.out.printf("blue-green v3 -> v1, Caddy on the host: exit %d in %d ms; %s%n", run.exitCode(), run.millis(),
            traffic.summary());
        System.out.println("phases: " + run.json().path("result").path("phasesMs"));
        if (!traffic.failures().isEmpty()) {
            System.out.println("load started at " + java.time.Instant.ofEpochMilli(loadStart) + "; the run's steps:");
            run.json().path("steps").forEach(step -> System.out.println("  " + step.path("id").asText() + " "
                + step.path("status").asText() + " " + step.path("durationMs").asText() + " ms"));
            System.out.println("stderr:\n" + run.err());
            System.out.println("caddy:\n" + stack.caddyLog());
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        assertThat(run.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(result.path("topology").asText()).isEqualTo("host-ports");
        assertThat(result.path("serving").asText()).isEqualTo("primary");
        assertThat(result.path("commit").asText()).isEqualTo(stack.commitV1);
        JsonNode routes = run.step("proxy-routes").path("detail");
        assertThat(routes.path("topology").asText()).isEqualTo("host-ports");
        assertThat(texts(routes.path("dials"))).containsExactlyInAnyOrder("127.0.0.1:" + stack.apiPort,
            "127.0.0.1:" + stack.webPort);
        assertThat(texts(run.step("switch-to-green").path("detail").path("dials"))).containsExactlyInAnyOrder(
            "127.0.0.1:" + (stack.apiPort + stack.offset), "127.0.0.1:" + (stack.webPort + stack.offset));

        assertThat(traffic.sent()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(traffic.failures()).as(traffic.summary()).isEmpty();
        assertThat(traffic.bodies()).containsKeys("v3", "v1");
        assertThat(stack.get("/version")).isEqualTo("v1");
        assertThat(stack.get("/api/version")).isEqualTo("v1");
        assertThat(stack.runningImageId("api")).isEqualTo(
            BlueGreenStack.docker("image", "inspect", "-f", "{{.Id}}", "rollback-fixture/app:v1").strip());
        assertThat(stack.caddyConfig()).isEqualTo(caddyBefore);
        assertThat(stack.workdirFile()).isEqualTo(stack.fileAt(stack.commitV1));
        assertThat(stack.containers(stack.project)).isEqualTo(primaryBefore);
        assertThat(stack.containers(stack.project + "-green")).isEmpty();
        assertThat(dir.resolve(".rollback/blue-green/" + stack.project + "-green.yml")).doesNotExist();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
