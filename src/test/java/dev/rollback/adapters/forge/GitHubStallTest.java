package dev.rollback.adapters.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.adapters.http.Stalls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GitHub's API stalling while a pull request is opened: exit 4 within the bound, one line, no token. */
class GitHubStallTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final String TOKEN = "ghp_StallTestOnly4Rt7Yu1Io";

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledPullRequestIsExit4(Stall stall) throws Exception {
        try (StallingServer github = StallingServer.start(stall)) {
            PullRequests pulls = new GitHubPullRequests(URI.create(github.url()),
                GitHubPullRequests.token(null, Map.of("GITHUB_TOKEN", TOKEN)).orElseThrow(), BOUND);
            String message = Stalls.unreachableWithin(BOUND,
                () -> pulls.open("acme/shop", "revert-abc1234", "main", "Revert", "body"));
            assertThat(message).startsWith("GitHub at " + github.url() + " is unreachable (POST " + github.url()
                    + "/repos/acme/shop/pulls " + (stall == Stall.SILENT ? "sent no status line and headers within 1s"
                    : "answered HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 1s"))
                .doesNotContain(TOKEN);
        }
    }
}
