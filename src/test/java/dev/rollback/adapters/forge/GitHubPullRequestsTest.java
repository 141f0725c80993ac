package dev.rollback.adapters.forge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rollback.adapters.health.HttpCheck;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a WireMock stand-in for api.github.com on 127.0.0.1. */
class GitHubPullRequestsTest {
    static {
        // As Main does first thing: the JDK reads its restricted-header setting once per JVM, at
        // the first HTTP request, and the health checks in this same test JVM need "host" in it.
        HttpCheck.allowHostHeader();
    }

    /** Distinctive, so a test can prove it appears in no message. */
    private static final String TOKEN = "ghp_TestOnly7Zq8vN3xWk5pL";
    private static final String PULLS = "/repos/merq/app/pulls";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();

    @Test
    void opensThePullRequestWithTheDocumentedRequestAndReturnsItsUrl() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(201)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"number\": 42, \"html_url\": \"https://github.com/merq/app/pull/42\"}")));

        String url = client(Map.of("GITHUB_TOKEN", TOKEN), null)
            .open("merq/app", "revert-abc1234", "main", "Revert \"Release 1.5\"", "Rolls back release 1.5.");

        assertThat(url).isEqualTo("https://github.com/merq/app/pull/42");
        github.verify(postRequestedFor(urlEqualTo(PULLS))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("""
                {"title": "Revert \\"Release 1.5\\"", "head": "revert-abc1234", "base": "main",
                 "body": "Rolls back release 1.5."}
                """)));
    }

    @Test
    void theTokenVariableCanBeConfigured() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(201)
            .withBody("{\"html_url\": \"https://github.com/merq/app/pull/7\"}")));

        client(Map.of("FORGE_TOKEN", TOKEN, "GITHUB_TOKEN", "not-this-one"), "FORGE_TOKEN")
            .open("merq/app", "revert-abc1234", "main", "t", "b");

        github.verify(postRequestedFor(urlEqualTo(PULLS)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void withoutATokenThereIsNoClientSoTheCallerPrintsTheCompareUrl() {
        assertThat(GitHubPullRequests.fromEnvironment(Map.of(), null, github.baseUrl())).isEmpty();
        assertThat(GitHubPullRequests.fromEnvironment(Map.of("GITHUB_TOKEN", " "), null, null)).isEmpty();
    }

    @Test
    void aValidationFailureIsExit3WithGitHubsOwnWords() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(422).withBody("""
            {"message": "Validation Failed",
             "errors": [{"resource": "PullRequest", "code": "custom",
                         "message": "A pull request already exists for merq:revert-abc1234."}],
             "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request"}
            """)));

        assertFails(() -> open(), ExitCode.REFUSED,
            "GitHub did not open the pull request revert-abc1234 -> main on merq/app: Validation Failed: "
                + "A pull request already exists for merq:revert-abc1234.");
    }

    @Test
    void aFieldErrorWithoutMessageNamesTheField() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(422).withBody("""
            {"message": "Validation Failed", "errors": [{"resource": "PullRequest", "field": "head", "code": "invalid"}]}
            """)));

        assertFails(() -> open(), ExitCode.REFUSED, "Validation Failed: head invalid");
    }

    @Test
    void aRefusedTokenIsExit4NamingTheVariableNeverTheToken() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(401)
            .withBody("{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\"}")));

        assertThatThrownBy(this::open)
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("refused the token in $GITHUB_TOKEN for merq/app (401 Bad credentials)")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aTokenEchoedBackByAProxyIsMasked() {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(403)
            .withBody("{\"message\": \"token " + TOKEN + " lacks scope\"}")));

        assertThatThrownBy(this::open)
            .hasMessageContaining("token *** lacks scope")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void aServerErrorAndNoAnswerAtAllAreExit4() throws Exception {
        github.stubFor(post(PULLS).willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
        assertFails(() -> open(), ExitCode.UNREACHABLE, "failed (502 HTTP 502)");

        PullRequests nowhere = GitHubPullRequests.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN), null,
            "http://127.0.0.1:" + closedPort()).orElseThrow();
        assertFails(() -> nowhere.open("merq/app", "revert-abc1234", "main", "t", "b"), ExitCode.UNREACHABLE,
            "is unreachable (connection refused)");
    }

    @Test
    void aRepositoryThatIsNotOwnerSlashNameIsAUsageError() {
        assertFails(() -> client(Map.of("GITHUB_TOKEN", TOKEN), null).open("merq", "h", "main", "t", "b"),
            ExitCode.USAGE, "'merq' is not a GitHub repository name");
    }

    private String open() {
        return client(Map.of("GITHUB_TOKEN", TOKEN), null).open("merq/app", "revert-abc1234", "main", "t", "b");
    }

    private static PullRequests client(Map<String, String> env, String variable) {
        return GitHubPullRequests.fromEnvironment(env, variable, github.baseUrl() + "/").orElseThrow();
    }

    private static void assertFails(ThrowingCallable call, int exitCode, String message) {
        assertThatThrownBy(call)
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(exitCode))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
