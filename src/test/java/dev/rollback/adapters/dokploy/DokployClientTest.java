package dev.rollback.adapters.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rollback.adapters.dokploy.DokployStub.APPLICATION_DEPLOYMENTS;
import static dev.rollback.adapters.dokploy.DokployStub.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.adapters.dokploy.Dokploy.Deployment;
import dev.rollback.adapters.dokploy.Dokploy.Target;
import dev.rollback.adapters.dokploy.Dokploy.Target.Kind;
import dev.rollback.core.config.DokployConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The requests {@link DokployClient} sends and how it reads the answers, against a stub panel. */
class DokployClientTest {
    @RegisterExtension
    static final ContractCheckedStub DOKPLOY = DokployStub.extension();

    private static final Target APP = new Target(Kind.APPLICATION, "app-1");
    private static final Target COMPOSE = new Target(Kind.COMPOSE, "cmp-1");

    @Test
    void applicationDeploymentsAreReadFromDeploymentAllNewestFirst() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all"))
            .withQueryParam("applicationId", equalTo("app-1"))
            .withHeader("x-api-key", equalTo(KEY))
            .willReturn(okJson(APPLICATION_DEPLOYMENTS)));

        List<Deployment> deployments = DokployStub.client(DOKPLOY).deployments(APP);

        assertThat(deployments).containsExactly(
            new Deployment("dep-3", "Rebuild deployment", "running", Instant.parse("2025-03-01T10:05:00Z"),
                Instant.parse("2025-03-01T10:05:01.250Z"), null, null, null),
            new Deployment("dep-2", "Manual deployment", "done", Instant.parse("2025-02-28T09:00:00Z"),
                Instant.parse("2025-02-28T09:00:02Z"), Instant.parse("2025-02-28T09:03:40.500Z"), null, "rb-2"),
            new Deployment("dep-1", "Manual deployment", "error", Instant.parse("2025-02-27T08:00:00Z"),
                null, Instant.parse("2025-02-27T08:00:09Z"), "Error: build failed with exit code 1", null));
        assertThat(deployments.get(0).finished()).isFalse();
        assertThat(deployments.get(1).done()).isTrue();
    }

    @Test
    void composeDeploymentsAreReadFromAllByComposeWithTheComposeId() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.allByCompose"))
            .withQueryParam("composeId", equalTo("cmp-1"))
            .willReturn(okJson("""
                [{"deploymentId": "cd-2", "title": "Rebuild deployment", "status": "cancelled",
                  "createdAt": "2025-03-02T12:00:00.000Z", "startedAt": null, "finishedAt": null,
                  "errorMessage": null, "rollbackId": null, "composeId": "cmp-1", "logPath": "/x.log"},
                 {"deploymentId": "cd-1", "title": "Manual deployment", "status": "done",
                  "createdAt": "2025-03-01T12:00:00.000+00:00", "startedAt": "2025-03-01T12:00:01.000Z",
                  "finishedAt": "2025-03-01T12:01:00.000Z", "errorMessage": null, "rollbackId": null,
                  "composeId": "cmp-1", "logPath": "/y.log"}]
                """)));

        List<Deployment> deployments = DokployStub.client(DOKPLOY).deployments(COMPOSE);

        assertThat(deployments).extracting(Deployment::id).containsExactly("cd-2", "cd-1");
        assertThat(deployments.get(0).status()).isEqualTo("cancelled");
        assertThat(deployments.get(0).finished()).isTrue();
        assertThat(deployments.get(1).createdAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        DOKPLOY.verify(1, getRequestedFor(urlEqualTo("/api/deployment.allByCompose?composeId=cmp-1"))
            .withHeader("x-api-key", equalTo(KEY)));
        DOKPLOY.verify(0, getRequestedFor(urlPathEqualTo("/api/deployment.all")));
    }

    @Test
    void noDeploymentsIsAnEmptyList() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson("[]")));

        assertThat(DokployStub.client(DOKPLOY).deployments(APP)).isEmpty();
    }

    @Test
    void applicationRedeployPostsTheIdTitleAndDescriptionAsJson() {
        DOKPLOY.stubFor(post("/api/application.redeploy").willReturn(okJson("true")));

        DokployStub.client(DOKPLOY).redeploy(APP, "rollback: redeploy", "rollback run 2025-03-01T10:00Z by ops");

        DOKPLOY.verify(1, postRequestedFor(urlEqualTo("/api/application.redeploy"))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("""
                {"applicationId": "app-1", "title": "rollback: redeploy",
                 "description": "rollback run 2025-03-01T10:00Z by ops"}
                """)));
    }

    @Test
    void composeRedeployLeavesOutATitleAndDescriptionThatAreNotGiven() {
        DOKPLOY.stubFor(post("/api/compose.redeploy").willReturn(aResponse().withStatus(200)));

        DokployStub.client(DOKPLOY).redeploy(COMPOSE, null, null);

        // Strict comparison: a "title": null would fail Dokploy's z.string().optional().
        DOKPLOY.verify(1, postRequestedFor(urlEqualTo("/api/compose.redeploy"))
            .withHeader("x-api-key", equalTo(KEY))
            .withRequestBody(equalToJson("{\"composeId\": \"cmp-1\"}")));
    }

    @Test
    void rollbackPostsTheRollbackId() {
        DOKPLOY.stubFor(post("/api/rollback.rollback").willReturn(aResponse().withStatus(200)));

        DokployStub.client(DOKPLOY).rollback("rb-2");

        DOKPLOY.verify(1, postRequestedFor(urlEqualTo("/api/rollback.rollback"))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"rollbackId\": \"rb-2\"}")));
    }

    @Test
    void theBaseUrlMayEndInASlashOrInApi() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson("[]")));

        for (String url : List.of(DOKPLOY.baseUrl() + "/", DOKPLOY.baseUrl() + "/api", DOKPLOY.baseUrl() + "/api/")) {
            DokployClient.fromConfig(DokployStub.config(url), DokployStub.ENV).deployments(APP);
        }

        DOKPLOY.verify(3, getRequestedFor(urlEqualTo("/api/deployment.all?applicationId=app-1")));
        DOKPLOY.verify(3, anyRequestedFor(anyUrl()));
    }

    @Test
    void theKeyComesFromTheVariableTheConfigNamesWithoutSurroundingWhitespace() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson("[]")));
        DokployConfig config = new DokployConfig(DOKPLOY.baseUrl(), "PANEL_KEY", "app-1", null, null);

        DokployClient.fromConfig(config, Map.of("PANEL_KEY", "  panel-key-42\n", "DOKPLOY_API_KEY", KEY))
            .deployments(APP);

        DOKPLOY.verify(1, getRequestedFor(urlPathEqualTo("/api/deployment.all"))
            .withHeader("x-api-key", equalTo("panel-key-42")));
    }

    @Test
    void describeAndToStringNameTheUrlButNotTheKey() {
        DokployClient client = DokployStub.client(DOKPLOY);

        assertThat(client.describe()).isEqualTo("Dokploy at " + DOKPLOY.baseUrl());
        assertThat(client.toString()).isEqualTo(client.describe()).doesNotContain(KEY);
        assertThat(DokployClient.key(null, DokployStub.ENV).toString())
            .isEqualTo("API key from $DOKPLOY_API_KEY");
    }
}
