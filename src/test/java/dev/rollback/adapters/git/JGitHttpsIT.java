package dev.rollback.adapters.git;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rollback.adapters.git.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Which credentials reach a git server over HTTP: a WireMock server that, like GitHub, answers
 * 401 with a Basic challenge on the smart-HTTP discovery request, and records what was sent.
 */
@ExtendWith(IsolatedJGit.class)
class JGitHttpsIT {
    private static final String TOKEN = "ghs_TestOnlyZq8vN3xWk5pL";
    private static final String INFO_REFS = "/merq/app.git/info/refs";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().dynamicHttpsPort().bindAddress("127.0.0.1"))
        .build();

    @TempDir
    Path root;
    private Path checkout;

    @BeforeEach
    void aCheckoutAndAServerThatWantsCredentials() throws Exception {
        checkout = GitFixture.cloneOf(GitFixture.remoteWithOneCommit(root), root, "ours");
        // WireMock's certificate is self-signed.
        git(checkout, "config", "http.sslVerify", "false");
        server.stubFor(get(urlPathEqualTo(INFO_REFS)).willReturn(aResponse().withStatus(401)
            .withHeader("WWW-Authenticate", "Basic realm=\"GitHub\"")));
    }

    @Test
    void overHttpsTheTokenIsSentAsXAccessTokenAndNeverShown() throws Exception {
        git(checkout, "remote", "set-url", "origin", "https://127.0.0.1:" + server.getHttpsPort() + "/merq/app.git");

        try (JGitRepository repository = JGitRepository.open(checkout,
                GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN)))) {
            assertThatThrownBy(() -> repository.fetch("origin"))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("cannot fetch from origin at https://127.0.0.1:" + server.getHttpsPort())
                .hasMessageContaining("check the credentials: $GIT_TOKEN was sent over HTTPS")
                .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        }

        String basic = Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", equalTo("Basic " + basic)));
    }

    @Test
    void overPlainHttpTheTokenIsNotSent() throws Exception {
        git(checkout, "remote", "set-url", "origin", "http://127.0.0.1:" + server.getPort() + "/merq/app.git");

        try (JGitRepository repository = JGitRepository.open(checkout,
                GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN)))) {
            assertThatThrownBy(() -> repository.fetch("origin"))
                .isInstanceOf(RollbackException.class)
                .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE));
        }

        server.verify(getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", absent()));
        server.verify(0, getRequestedFor(urlPathEqualTo(INFO_REFS)).withHeader("Authorization", matching(".*")));
    }

    @Test
    void withoutCredentialsTheMessageSaysWhichVariablesToSet() throws Exception {
        git(checkout, "remote", "set-url", "origin", "https://127.0.0.1:" + server.getHttpsPort() + "/merq/app.git");

        try (JGitRepository repository = JGitRepository.open(checkout, GitCredentials.none())) {
            assertThatThrownBy(() -> repository.fetch("origin"))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("no HTTPS credentials (set $GIT_TOKEN, or $GIT_USERNAME and $GIT_PASSWORD)")
                .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE));
        }
    }
}
