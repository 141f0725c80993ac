package dev.rollback.adapters.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.util.Map;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class GitCredentialsTest {
    private static final String TOKEN = "ghs_Zq8vN3xWk5pLtestonly";

    @Test
    void aTokenIsSentAsThePasswordOfXAccessToken() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN + "\n"));

        assertThat(credentials.present()).isTrue();
        assertThat(credentials.source()).isEqualTo("$GIT_TOKEN");
        assertThat(ask(credentials.provider().orElseThrow())).containsExactly("x-access-token", TOKEN);
    }

    @Test
    void gitTokenWinsOverGithubTokenAndGitUsernameNamesTheUser() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(
            Map.of("GITHUB_TOKEN", "other", "GIT_TOKEN", TOKEN, "GIT_USERNAME", "oauth2"));

        assertThat(ask(credentials.provider().orElseThrow())).containsExactly("oauth2", TOKEN);
        assertThat(GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN)).source()).isEqualTo("$GITHUB_TOKEN");
    }

    @Test
    void aUsernameAndPasswordPairWinsOverTokens() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(
            Map.of("GIT_USERNAME", "deploy", "GIT_PASSWORD", "pw", "GIT_TOKEN", TOKEN));

        assertThat(ask(credentials.provider().orElseThrow())).containsExactly("deploy", "pw");
        assertThat(credentials.source()).isEqualTo("$GIT_USERNAME/$GIT_PASSWORD");
    }

    @Test
    void aPasswordWithoutAUsernameIsAUsageError() {
        assertThatThrownBy(() -> GitCredentials.fromEnvironment(Map.of("GIT_PASSWORD", "pw")))
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("$GIT_USERNAME is not")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void nothingSetOrBlankMeansNoCredentials() {
        GitCredentials none = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", "  ", "GIT_USERNAME", "deploy"));

        assertThat(none.present()).isFalse();
        assertThat(none.provider()).isEmpty();
        assertThat(none.source()).contains("set $GIT_TOKEN");
    }

    @Test
    void theSecretIsNeverShownAndIsMaskedInText() {
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN));

        assertThat(credentials.toString()).doesNotContain(TOKEN).contains("$GIT_TOKEN", "x-access-token");
        assertThat(credentials.redact("https://x-access-token:" + TOKEN + "@github.com/merq/app.git: not authorized"))
            .isEqualTo("https://github.com/merq/app.git: not authorized");
        assertThat(credentials.redact("auth failed for " + TOKEN)).isEqualTo("auth failed for ***");
    }

    @Test
    void urlsLoseHttpUserInfoAndOtherPasswordsButKeepTheSshUser() {
        GitCredentials none = GitCredentials.none();

        assertThat(none.redact("fetch https://" + TOKEN + "@github.com/a/b.git failed"))
            .isEqualTo("fetch https://github.com/a/b.git failed");
        assertThat(none.redact("ssh://git:hunter2@host:2222/a/b.git")).isEqualTo("ssh://git@host:2222/a/b.git");
        assertThat(none.redact("git@github.com:a/b.git")).isEqualTo("git@github.com:a/b.git");
        assertThat(none.redact(null)).isEmpty();
    }

    private static String[] ask(CredentialsProvider provider) throws Exception {
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        provider.get(new URIish("https://github.com/merq/app.git"), user, password);
        return new String[] {user.getValue(), new String(password.getValue())};
    }
}
