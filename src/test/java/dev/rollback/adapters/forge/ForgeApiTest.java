package dev.rollback.adapters.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForgeApiTest {
    @Test
    void theGitHostIsTheApiHostWithoutItsApiPrefix() {
        assertThat(ForgeApi.parse(null)).isEqualTo(new ForgeApi(URI.create("https://api.github.com"), "github.com"));
        assertThat(ForgeApi.parse("https://ghe.example.com/api/v3").gitHost()).isEqualTo("ghe.example.com");
        assertThat(ForgeApi.parse("https://api.acme.ghe.com").gitHost()).isEqualTo("acme.ghe.com");
        assertThat(ForgeApi.parse("http://127.0.0.1:8080").gitHost()).isEqualTo("127.0.0.1");
    }

    /** Checked when the revert is planned, before any request, with or without a token. */
    @Test
    void plainHttpToAnotherMachineIsAUsageErrorNamingTheKey() {
        for (Map<String, String> env : java.util.List.of(Map.of("GITHUB_TOKEN", "ghp_x"), Map.<String, String>of())) {
            RollbackException e = catchThrowableOfType(RollbackException.class,
                () -> GitHubPullRequests.fromEnvironment(env, null, "http://ghe.example.com/api/v3"));

            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.getMessage()).startsWith("git.forge-api 'http://ghe.example.com/api/v3' must be an https://"
                + " address").contains("the forge token travels with every request");
        }
    }

    @Test
    void aMalformedAddressIsAUsageErrorToo() {
        RollbackException e = catchThrowableOfType(RollbackException.class,
            () -> GitHubPullRequests.fromEnvironment(Map.of("GITHUB_TOKEN", "ghp_x"), null, "https://ghe example"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.getMessage()).contains("git.forge-api").contains("is not a valid URL");
    }
}
