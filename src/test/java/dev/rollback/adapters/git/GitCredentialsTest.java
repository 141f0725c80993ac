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
    private static final URIish GITHUB = uri("https://github.com/merq/app.git");

    @Test
    void aTokenIsSentAsThePasswordOfXAccessToken() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN + "\n"));

        assertThat(credentials.present()).isTrue();
        assertThat(credentials.source(GITHUB)).isEqualTo("$GIT_TOKEN");
        assertThat(ask(credentials.provider(GITHUB).orElseThrow())).containsExactly("x-access-token", TOKEN);
    }

    @Test
    void gitTokenWinsOverGithubTokenAndGitUsernameNamesTheUser() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(
            Map.of("GITHUB_TOKEN", "other", "GIT_TOKEN", TOKEN, "GIT_USERNAME", "oauth2"));

        assertThat(ask(credentials.provider(GITHUB).orElseThrow())).containsExactly("oauth2", TOKEN);
        assertThat(GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN)).source(GITHUB)).isEqualTo("$GITHUB_TOKEN");
    }

    @Test
    void aUsernameAndPasswordPairWinsOverTokens() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(
            Map.of("GIT_USERNAME", "deploy", "GIT_PASSWORD", "pw", "GIT_TOKEN", TOKEN));

        assertThat(ask(credentials.provider(GITHUB).orElseThrow())).containsExactly("deploy", "pw");
        assertThat(credentials.source(GITHUB)).isEqualTo("$GIT_USERNAME/$GIT_PASSWORD");
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
        assertThat(none.provider(GITHUB)).isEmpty();
        assertThat(none.source(GITHUB)).contains("set $GIT_TOKEN");
    }

    @Test
    void theSecretIsNeverShownAndIsMaskedInText() {
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN));

        assertThat(credentials.toString()).doesNotContain(TOKEN).contains("$GIT_TOKEN", "x-access-token");
        assertThat(GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN)).redact("echo " + TOKEN)).isEqualTo("echo ***");
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

    @Test
    void theForgeTokenIsOfferedToTheForgeHostOnlyOverHttps() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN));

        assertThat(ask(credentials.provider(GITHUB).orElseThrow())).containsExactly("x-access-token", TOKEN);
        assertThat(credentials.provider(new URIish("https://gitlab.example.com/merq/app.git"))).isEmpty();
        assertThat(credentials.provider(new URIish("https://github.com.evil.example/merq/app.git"))).isEmpty();
        assertThat(credentials.provider(new URIish("http://github.com/merq/app.git"))).isEmpty();
        assertThat(credentials.source(new URIish("https://gitlab.example.com/merq/app.git")))
            .isEqualTo("no HTTPS credentials for gitlab.example.com ($GITHUB_TOKEN is sent to github.com only, the forge"
                + " of git.forge-api; set $GIT_TOKEN, or $GIT_USERNAME and $GIT_PASSWORD)");
    }

    @Test
    void theConfiguredForgeTokenAndHostReplaceTheDefaults() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(
            Map.of("GHE_TOKEN", TOKEN, "GITHUB_TOKEN", "not-this-one"), "GHE_TOKEN", "ghe.example.com");

        assertThat(ask(credentials.provider(new URIish("https://ghe.example.com/merq/app.git")).orElseThrow(),
            "https://ghe.example.com/merq/app.git")).containsExactly("x-access-token", TOKEN);
        assertThat(credentials.provider(GITHUB)).isEmpty();
    }

    /** The deploy repository's own credentials go to its remote, whatever the host, but only to that host. */
    @Test
    void remoteCredentialsAnswerOnlyForTheHostTheConnectionWasOpenedFor() throws Exception {
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN, "GIT_USERNAME", "oauth2"));
        CredentialsProvider gitlab = credentials.provider(new URIish("https://gitlab.example.com/merq/app.git")).orElseThrow();

        assertThat(ask(gitlab, "https://gitlab.example.com/merq/app.git")).containsExactly("oauth2", TOKEN);
        CredentialItem.Password password = new CredentialItem.Password();
        assertThat(gitlab.get(new URIish("https://elsewhere.example/merq/app.git"), new CredentialItem.Username(), password))
            .isFalse();
        assertThat(password.getValue()).isNull();
        assertThat(credentials.provider(new URIish("http://gitlab.example.com/merq/app.git"))).isEmpty();
    }

    private static String[] ask(CredentialsProvider provider) throws Exception {
        return ask(provider, "https://github.com/merq/app.git");
    }

    private static String[] ask(CredentialsProvider provider, String url) throws Exception {
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        assertThat(provider.get(new URIish(url), user, password)).isTrue();
        return new String[] {user.getValue(), new String(password.getValue())};
    }

    private static URIish uri(String text) {
        try {
            return new URIish(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
