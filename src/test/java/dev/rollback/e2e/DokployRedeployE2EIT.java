package dev.rollback.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.contract.DokployContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level 1 on Dokploy, run as a user runs it, against a local stub that follows Dokploy's published
 * API (deployment.all / allByCompose newest first, rollback.rollback, compose.redeploy, x-api-key).
 */
class DokployRedeployE2EIT {
    private static final String KEY = "dk_sentinel_7Hq2Lx9Pw";

    /** Dokploy's API, every request held against its published document. */
    @RegisterExtension
    static ContractCheckedStub dokploy = ContractCheckedStub.of(new DokployContract());

    /** The application Dokploy runs, which the health gate probes: not part of Dokploy's API. */
    @RegisterExtension
    static WireMockExtension app = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @BeforeEach
    void healthyApp() {
        app.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    private void writeConfig(String idKey, String id) throws Exception {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack: { name: shop, target: dokploy }
            state-dir: .rollback
            dokploy: { url: "%s", %s: %s }
            health:
              timeout: 10s
              checks:
                - { name: api, url: "%s/health" }
            """.formatted(dokploy.baseUrl(), idKey, id, app.baseUrl()));
    }

    private RollbackCli.Run rollback(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return RollbackCli.run(dir, Map.of("DOKPLOY_API_KEY", KEY), all);
    }

    private static String deployment(String id, String status, String rollbackId, String createdAt) {
        return deployment(id, "deploy " + id, status, rollbackId, createdAt);
    }

    /** The row Dokploy writes for this tool's redeploy: it keeps the title the redeploy sent. */
    private static String ours(String id, String status, String createdAt) {
        return deployment(id, "rollback: redeploy", status, null, createdAt);
    }

    private static String deployment(String id, String title, String status, String rollbackId, String createdAt) {
        return """
            {"deploymentId": "%s", "title": "%s", "status": "%s", "createdAt": "%s",
             "startedAt": "%s", "finishedAt": null, "errorMessage": %s, "rollbackId": %s, "logPath": "/x.log"}
            """.formatted(id, title, status, createdAt, createdAt, "error".equals(status) ? "\"build failed: exit 1\"" : "null",
            rollbackId == null ? "null" : "\"" + rollbackId + "\"");
    }

    @Test
    void applicationRollsBackToTheNewestGoodDeploymentBeforeTheCurrentOne() throws Exception {
        writeConfig("application-id", "app-1");
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.all")).withQueryParam("applicationId", equalTo("app-1"))
            .willReturn(okJson("[" + deployment("d4", "done", "rb-4", "2026-11-21T10:04:00Z") + ","
                + deployment("d3", "error", "rb-3", "2026-11-21T10:03:00Z") + ","
                + deployment("d2", "done", "rb-2", "2026-11-21T10:02:00Z") + ","
                + deployment("d1", "done", "rb-1", "2026-11-21T10:01:00Z") + "]")));
        dokploy.stubFor(post("/api/rollback.rollback").willReturn(okJson("true")));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("deploymentLeft").asText()).isEqualTo("d4");
        assertThat(run.json().path("result").path("deploymentReached").asText()).isEqualTo("d2");
        assertThat(run.step("check-migrations").path("status").asText()).isEqualTo("skipped");
        assertThat(run.step("check-migrations").path("detail").path("reason").asText()).contains("no git commit");
        dokploy.verify(postRequestedFor(urlPathEqualTo("/api/rollback.rollback"))
            .withHeader("x-api-key", equalTo(KEY)).withRequestBody(equalToJson("{\"rollbackId\": \"rb-2\"}")));
        app.verify(getRequestedFor(urlPathEqualTo("/health")));
        assertThat(run.out() + run.err()).doesNotContain(KEY);
        assertThat(Files.readString(dir.resolve(".rollback/journal.jsonl"))).doesNotContain(KEY).contains("\"level\":1");
    }

    @Test
    void composeProjectIsRedeployedAndFollowedUntilDone() throws Exception {
        writeConfig("compose-id", "cmp-1");
        String old = deployment("c1", "done", null, "2026-11-21T10:01:00Z");
        String scenario = "deploy";
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[" + old + "]")));
        dokploy.stubFor(post("/api/compose.redeploy").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("true")).willSetStateTo("queued"));
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario(scenario)
            .whenScenarioStateIs("queued").willSetStateTo("finished")
            .willReturn(okJson("[" + ours("c2", "running", "2026-11-21T10:05:00Z") + "," + old + "]")));
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario(scenario)
            .whenScenarioStateIs("finished")
            .willReturn(okJson("[" + ours("c2", "done", "2026-11-21T10:05:00Z") + "," + old + "]")));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("deploymentReached").asText()).isEqualTo("c2");
        assertThat(run.err()).contains("deployment c2: running").contains("deployment c2: done");
        dokploy.verify(postRequestedFor(urlPathEqualTo("/api/compose.redeploy"))
            .withRequestBody(equalToJson("{\"composeId\": \"cmp-1\"}", true, true)));
    }

    @Test
    void aFailedDeploymentFailsTheRollbackWithDokploysMessage() throws Exception {
        writeConfig("compose-id", "cmp-1");
        String old = deployment("c1", "done", null, "2026-11-21T10:01:00Z");
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario("fail")
            .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[" + old + "]")));
        dokploy.stubFor(post("/api/compose.redeploy").inScenario("fail").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("true")).willSetStateTo("failed"));
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario("fail")
            .whenScenarioStateIs("failed")
            .willReturn(okJson("[" + ours("c2", "error", "2026-11-21T10:05:00Z") + "," + old + "]")));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("error").path("message").asText()).contains("c2").contains("build failed: exit 1");
        assertThat(run.step("health-gate").path("status").asText()).isEqualTo("skipped");
    }

    @Test
    void aRedeployQueuedBehindAnotherFollowsItsOwnRowNotTheOneAhead() throws Exception {
        writeConfig("compose-id", "cmp-1");
        String old = deployment("c1", "done", null, "2026-11-21T10:01:00Z");
        String ahead = "2026-11-21T10:04:00Z";
        String scenario = "queued";
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[" + old + "]")));
        dokploy.stubFor(post("/api/compose.redeploy").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("true")).willSetStateTo("other-running"));
        // A push queued before ours runs first: Dokploy writes our row only when a worker takes our job.
        List<String> states = List.of("other-running", "other-done", "ours-running", "ours-done");
        List<String> bodies = List.of(
            "[" + deployment("x9", "Manual deployment", "running", null, ahead) + "," + old + "]",
            "[" + deployment("x9", "Manual deployment", "done", null, ahead) + "," + old + "]",
            "[" + ours("c2", "running", "2026-11-21T10:06:00Z") + ","
                + deployment("x9", "Manual deployment", "done", null, ahead) + "," + old + "]",
            "[" + ours("c2", "done", "2026-11-21T10:06:00Z") + ","
                + deployment("x9", "Manual deployment", "done", null, ahead) + "," + old + "]");
        for (int i = 0; i < states.size(); i++) {
            var stub = get(urlPathEqualTo("/api/deployment.allByCompose")).inScenario(scenario)
                .whenScenarioStateIs(states.get(i)).willReturn(okJson(bodies.get(i)));
            dokploy.stubFor(i + 1 < states.size() ? stub.willSetStateTo(states.get(i + 1)) : stub);
        }

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("deploymentReached").asText()).isEqualTo("c2");
        assertThat(run.err()).contains("queued behind deployment x9 (Manual deployment, running)")
            .contains("deployment c2: done").doesNotContain("deployment x9: done");
        dokploy.verify(postRequestedFor(urlPathEqualTo("/api/compose.redeploy")).withRequestBody(
            equalToJson("{\"composeId\": \"cmp-1\", \"title\": \"rollback: redeploy\"}", true, true)));
    }

    @Test
    void aRollbackPointDokployHasPrunedMeanwhileIsRefusedWithExit3() throws Exception {
        writeConfig("application-id", "app-1");
        String scenario = "pruned";
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.all")).inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("[" + deployment("d3", "done", "rb-3", "2026-11-21T10:03:00Z") + ","
                + deployment("d2", "done", "rb-2", "2026-11-21T10:02:00Z") + "]")));
        // What rollbacks.ts answers for any failure, a rollback id it no longer has included.
        dokploy.stubFor(post("/api/rollback.rollback").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Error input: Rolling back\",\"code\":\"BAD_REQUEST\",\"issues\":[]}"))
            .willSetStateTo("gone"));
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.all")).inScenario(scenario).whenScenarioStateIs("gone")
            .willReturn(okJson("[" + deployment("d3", "done", "rb-3", "2026-11-21T10:03:00Z") + ","
                + deployment("d2", "done", null, "2026-11-21T10:02:00Z") + "]")));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText())
            .contains("rollback point rb-2 of Dokploy deployment d2 no longer exists", "Error input: Rolling back")
            .doesNotContain("\n");
        app.verify(0, getRequestedFor(urlPathEqualTo("/health")));
    }

    @Test
    void aForbiddenKeyIsExitFourWithDokploysReason() throws Exception {
        writeConfig("application-id", "app-1");
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(aResponse().withStatus(403)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"message\":\"You don't have permission to access this resource\",\"code\":\"FORBIDDEN\"}")));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().path("error").path("message").asText())
            .contains("rejected the API key from $DOKPLOY_API_KEY", "You don't have permission").doesNotContain("\n");
        assertThat(run.out() + run.err()).doesNotContain(KEY);
    }

    @Test
    void rejectedKeyIsExitFourAndTheKeyIsNowhere() throws Exception {
        writeConfig("application-id", "app-1");
        dokploy.stubFor(get(urlPathEqualTo("/api/deployment.all"))
            .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}")));

        RollbackCli.Run run = rollback("redeploy", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.json().path("error").path("message").asText()).contains("DOKPLOY_API_KEY");
        assertThat(run.out() + run.err()).doesNotContain(KEY);
        dokploy.verify(0, postRequestedFor(urlPathEqualTo("/api/rollback.rollback")));
    }
}
