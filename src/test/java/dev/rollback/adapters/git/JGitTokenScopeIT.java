package dev.rollback.adapters.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rollback.adapters.git.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which host the forge token reaches: two HTTPS servers that answer like GitHub (401 with a Basic
 * challenge) and record what they were sent. The forge is {@code localhost} (as
 * {@code git.forge-api: https://localhost:…} makes it); the other host is {@code 127.0.0.1}, the
 * same machine under another name, which must never see the token.
 */
@ExtendWith(IsolatedJGit.class)
class JGitTokenScopeIT {
    private static final String TOKEN = "ghp_ScopeTestOnly7Hq2";
    private static final String INFO_REFS = "/merq/app.git/info/refs";
    private static final String BASIC = "Basic " + Base64.getEncoder()
        .encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension forge = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")).build();
    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path root;
    private Path checkout;

    @BeforeEach
    void aCheckoutAndServersThatWantCredentials() throws Exception {
        checkout = GitFixture.cloneOf(GitFixture.remoteWithOneCommit(root), root, "ours");
        git(checkout, "config", "http.sslVerify", "false");   // WireMock's certificate is self-signed
        for (WireMockExtension server : new WireMockExtension[] {forge, elsewhere}) {
            server.stubFor(get(urlPathEqualTo(INFO_REFS)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"GitHub\"")));
        }
    }

    @Test
    void theForgeTokenIsNotOfferedToAnotherHost() throws Exception {
        git(checkout, "remote", "set-url", "origin", "https://127.0.0.1:" + elsewhere.getHttpsPort() + "/merq/app.git");

        RollbackException e = fetch(GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN), "GITHUB_TOKEN", "localhost"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        elsewhere.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", absent()));
        elsewhere.verify(0, getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", matching(".*")));
        assertThat(e.getMessage()).contains("no HTTPS credentials for 127.0.0.1 ($GITHUB_TOKEN is sent to localhost only")
            .doesNotContain(TOKEN);
    }

    @Test
    void theForgeTokenGoesToTheForgeHost() throws Exception {
        git(checkout, "remote", "set-url", "origin", "https://localhost:" + forge.getHttpsPort() + "/merq/app.git");

        RollbackException e = fetch(GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN), "GITHUB_TOKEN", "localhost"));

        assertThat(e.getMessage()).contains("$GITHUB_TOKEN was sent over HTTPS").doesNotContain(TOKEN);
        forge.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", equalTo(BASIC)));
    }

    /**
     * The forge accepts the token, then redirects to another host: JGit would send the accepted
     * credentials there unasked. The redirect is refused before any connection to that host.
     */
    @Test
    void aRedirectToAnotherHostAfterTheTokenWasAcceptedIsNotFollowed() throws Exception {
        git(checkout, "remote", "set-url", "origin", "https://localhost:" + forge.getHttpsPort() + "/merq/app.git");
        forge.stubFor(get(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", equalTo(BASIC))
            .willReturn(aResponse().withStatus(302).withHeader("Location",
                "https://127.0.0.1:" + elsewhere.getHttpsPort() + "/merq/app.git/info/refs?service=git-upload-pack")));

        RollbackException e = fetch(GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN), "GITHUB_TOKEN", "localhost"));

        forge.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", equalTo(BASIC)));
        elsewhere.verify(0, getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", matching(".*")));
        assertThat(elsewhere.getAllServeEvents()).as("requests that reached the other host").isEmpty();
        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).contains("redirected to https://127.0.0.1, not followed").doesNotContain(TOKEN);
    }

    private RollbackException fetch(GitCredentials credentials) {
        try (JGitRepository repository = JGitRepository.open(checkout, credentials)) {
            RollbackException e = catchThrowableOfType(RollbackException.class, () -> repository.fetch("origin"));
            assertThat(e).as("the fetch fails").isNotNull();
            return e;
        }
    }
}
