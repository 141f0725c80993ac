package dev.rollback.adapters.dokploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rollback.adapters.dokploy.DokployStub.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.rollback.contract.ContractCheckedStub;
import dev.rollback.adapters.dokploy.Dokploy.Target;
import dev.rollback.adapters.dokploy.Dokploy.Target.Kind;
import dev.rollback.adapters.http.ServerText;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How each way a Dokploy call can fail reaches the user: exit code and a one-line message. */
class DokployClientErrorsTest {
    @RegisterExtension
    static final ContractCheckedStub DOKPLOY = DokployStub.extension();

    private static final Target APP = new Target(Kind.APPLICATION, "app-1");
    private static final Target COMPOSE = new Target(Kind.COMPOSE, "cmp-9");

    @Test
    void aRejectedKeyIsUnreachableNamingTheUrlAndTheVariableButNeverTheKey() {
        DOKPLOY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
            .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}")));
        DokployClient client = DokployStub.client(DOKPLOY);

        for (ThrowingCallable call : new ThrowingCallable[] {
            () -> client.deployments(APP), () -> client.redeploy(APP, "t", "d"), () -> client.rollback("rb-1")}) {
            RollbackException error = catchThrowableOfType(RollbackException.class, call);

            assertThat(error.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(error.getMessage()).startsWith("Dokploy at " + DOKPLOY.baseUrl()
                + " rejected the API key from $DOKPLOY_API_KEY");
            assertNoKeyAnywhere(error);
        }
    }

    @Test
    void aKeyWithoutAccessToTheApplicationKeepsDokploysReason() {
        // Dokploy answers 401 with its own message when the key's organisation does not own the app.
        stubDeployments(401, "{\"message\":\"You are not authorized to access this application\",\"code\":\"UNAUTHORIZED\"}");

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(error.getMessage()).contains("$DOKPLOY_API_KEY",
            "You are not authorized to access this application", "application app-1");
        assertNoKeyAnywhere(error);
    }

    @Test
    void forbiddenIsARejectedKeyToo() {
        stubDeployments(403, "<html>403 Forbidden</html>");

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(error.getMessage()).contains("rejected the API key from $DOKPLOY_API_KEY", "HTTP 403");
    }

    @Test
    void anUnknownApplicationIsARefusalNamingItsId() {
        stubDeployments(404, "{\"message\":\"Application not found\",\"code\":\"NOT_FOUND\"}");

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(error.getMessage()).startsWith("Dokploy at " + DOKPLOY.baseUrl() + " has no application app-1")
            .contains("Application not found");
    }

    @Test
    void anUnknownComposeProjectIsARefusalNamingItsId() {
        DOKPLOY.stubFor(post("/api/compose.redeploy").willReturn(aResponse().withStatus(404)
            .withBody("{\"message\":\"Compose not found\",\"code\":\"NOT_FOUND\"}")));

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).redeploy(COMPOSE, null, null));

        assertThat(error.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(error.getMessage()).contains("has no compose project cmp-9", "Compose not found");
    }

    @Test
    void aFailedRollbackFailsWithDokploysOwnMessage() {
        // Dokploy's rollback.rollback turns every failure into this BAD_REQUEST (apps/dokploy/server/api/routers/rollbacks.ts).
        DOKPLOY.stubFor(post("/api/rollback.rollback").willReturn(aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"message\":\"Error input: Rolling back\",\"code\":\"BAD_REQUEST\",\"issues\":[]}")));

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).rollback("rb-7"));

        assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(error.getMessage()).isEqualTo("Dokploy at " + DOKPLOY.baseUrl()
            + " failed POST /api/rollback.rollback for rollback rb-7: Error input: Rolling back");
    }

    @Test
    void anErrorWithoutAJsonMessageFailsWithTheStatus() {
        stubDeployments(502, "<html><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>");

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(error.getMessage()).endsWith("failed GET /api/deployment.all for application app-1: HTTP 502");
    }

    @Test
    void aLongMultiLineMessageIsCutToOneShortLine() {
        String stackTrace = "Error: queue unavailable\n" + "    at Queue.add (/app/node_modules/bullmq/x.js:1:1)\n".repeat(40);
        DOKPLOY.stubFor(post("/api/application.redeploy").willReturn(aResponse().withStatus(500)
            .withBody("{\"message\":" + TextNode.valueOf(stackTrace) + ",\"code\":\"INTERNAL_SERVER_ERROR\"}")));

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).redeploy(APP, null, null));

        assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
        String detail = error.getMessage().substring(error.getMessage().indexOf(": ") + 2);
        assertThat(error.getMessage()).doesNotContain("\n").contains("Error: queue unavailable at Queue.add");
        assertThat(detail).hasSizeLessThanOrEqualTo(ServerText.MAX_CHARS).endsWith("…");
    }

    @Test
    void malformedJsonFails() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson("[{\"deploymentId\": \"dep-1\",")));

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(error.getMessage()).startsWith("Dokploy at " + DOKPLOY.baseUrl()
            + " sent an unexpected answer to GET /api/deployment.all: not JSON");
    }

    @Test
    void jsonThatIsNotADeploymentListFails() {
        String[] bodies = {
            "{\"message\":\"maintenance\"}",
            "[{\"title\": \"no id\", \"status\": \"done\"}]",
            "[{\"deploymentId\": \"dep-1\", \"status\": \"done\", \"createdAt\": \"yesterday\"}]",
            "[{\"deploymentId\": \"dep-1\", \"status\": \"done\", \"rollbackId\": 42}]",
            ""};
        String[] problems = {"expected a JSON array of deployments, got object", "deployment [0] has no deploymentId",
            "createdAt that is not an ISO-8601 instant: 'yesterday'", "rollbackId that is number", "got nothing"};

        for (int i = 0; i < bodies.length; i++) {
            DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson(bodies[i])));

            RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

            assertThat(error.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(error.getMessage()).contains(problems[i]);
        }
    }

    @Test
    void aSlowAnswerIsUnreachableOnceTheRequestTimeoutPasses() {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all")).willReturn(okJson("[]").withFixedDelay(3_000)));
        DokployClient client = DokployStub.client(DOKPLOY, Duration.ofMillis(300));

        long start = System.nanoTime();
        RollbackException error = failure(() -> client.deployments(APP));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(error.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(error.getMessage()).isEqualTo("Dokploy at " + DOKPLOY.baseUrl() + " is unreachable (GET "
            + DOKPLOY.baseUrl() + "/api/deployment.all sent no status line and headers within 300ms); check dokploy.url"
            + " and that the panel is up");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aClosedPortIsUnreachableAtOnce() throws Exception {
        String url = "http://127.0.0.1:" + DokployStub.closedPort();
        DokployClient client = DokployClient.fromConfig(DokployStub.config(url), DokployStub.ENV);

        long start = System.nanoTime();
        RollbackException error = failure(() -> client.redeploy(APP, null, null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(error.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(error.getMessage()).startsWith("Dokploy at " + url + " is unreachable (")
            .contains("dokploy.url");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertNoKeyAnywhere(error);
    }

    @Test
    void anUnknownHostIsUnreachable() {
        // .invalid never resolves (RFC 2606), so this needs no network.
        DokployClient client = DokployClient.fromConfig(DokployStub.config("https://dokploy.invalid"), DokployStub.ENV);

        RollbackException error = failure(() -> client.deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(error.getMessage()).startsWith("Dokploy at https://dokploy.invalid is unreachable (");
    }

    @Test
    void aRedirectIsNotFollowedSoTheKeyStaysWithTheConfiguredHost() {
        DOKPLOY.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(301)
            .withHeader("Location", "https://elsewhere.example.com/api/deployment.all?applicationId=app-1")));

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(error.getMessage()).contains("redirects GET /api/deployment.all to https://elsewhere.example.com",
            "set dokploy.url");
        DOKPLOY.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aKeyEchoedBackByTheServerIsMasked() {
        stubDeployments(500, "{\"message\":\"bad header x-api-key: " + KEY + "\",\"code\":\"INTERNAL_SERVER_ERROR\"}");

        RollbackException error = failure(() -> DokployStub.client(DOKPLOY).deployments(APP));

        assertThat(error.getMessage()).endsWith("bad header x-api-key: ***");
        assertNoKeyAnywhere(error);
    }

    private static void stubDeployments(int status, String body) {
        DOKPLOY.stubFor(get(urlPathEqualTo("/api/deployment.all"))
            .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private static RollbackException failure(ThrowingCallable call) {
        RollbackException error = catchThrowableOfType(RollbackException.class, call);
        assertThat(error).as("expected a RollbackException").isNotNull();
        return error;
    }

    /** Neither the message nor anything in the cause chain may print the key. */
    private static void assertNoKeyAnywhere(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t)).doesNotContain(KEY);
        }
    }
}
