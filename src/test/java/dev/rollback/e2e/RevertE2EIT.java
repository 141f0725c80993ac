package dev.rollback.e2e;

import static dev.rollback.e2e.GitStack.git;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.Map;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Level 2 with real repositories, a real bare remote and an auto-deployer stand-in that follows the remote. */
class RevertE2EIT {
    @TempDir
    Path dir;

    private GitStack git;

    @BeforeEach
    void repositories() throws Exception {
        git = new GitStack(dir);
        git.writeConfig("");
    }

    @AfterEach
    void stop() {
        git.close();
    }

    @Test
    void badCommitIsRevertedPushedDeployedAndHealthy() throws Exception {
        git.pushCommit("feature.txt", "good\n", "feat: a good change");
        String bad = git.pushCommit("health.txt", "broken\n", "fix: tune the health endpoint");

        RollbackCli.Run run = git.rollback("revert", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String revert = run.json().path("result").path("revertCommit").asText();
        assertThat(run.json().path("level").asInt()).isEqualTo(2);
        assertThat(run.json().path("result").path("revertedCommit").asText()).isEqualTo(bad);
        assertThat(git.remoteHead()).isEqualTo(revert);
        assertThat(GitStack.git(dir, "--git-dir", git.remote.toString(), "log", "-1", "--format=%B", "main").strip())
            .isEqualTo("Revert \"fix: tune the health endpoint\"\n\nThis reverts commit " + bad + ".");
        assertThat(GitStack.git(dir, "--git-dir", git.remote.toString(), "log", "-1", "--format=%an <%ae>", "main").strip())
            .isEqualTo("Ops On Call <ops@example.com>");
        assertThat(git.remoteFile("main", "health.txt")).isEqualTo("ok\n");
        assertThat(git.remoteFile("main", "feature.txt")).isEqualTo("good\n");
        assertThat(run.step("wait-deploy").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.step("health-gate").path("status").asText()).isEqualTo("succeeded");
        assertThat(run.json().path("result").has("deployedAfterMs")).isTrue();
        assertThat(Files.readString(dir.resolve(".rollback/journal.jsonl"))).contains("\"command\":\"revert\"");
    }

    @Test
    void aCheckoutBehindTheRemoteIsFastForwardedFirst() throws Exception {
        String bad = git.pushCommit("health.txt", "broken\n", "break health");
        git.commit("other.txt", "later\n", "chore: later work");
        git(git.developer, "push", "-q", "origin", "main");

        RollbackCli.Run run = git.rollback("revert", "--commit", bad, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.step("prepare-branch").path("detail").has("fastForwardedTo")).isTrue();
        assertThat(git.remoteFile("main", "other.txt")).isEqualTo("later\n");
        assertThat(git.remoteFile("main", "health.txt")).isEqualTo("ok\n");
    }

    @Test
    void conflictLeavesEverythingAsItWasAndNamesThePaths() throws Exception {
        String first = git.pushCommit("health.txt", "broken\n", "break health");
        git.pushCommit("health.txt", "broken again\n", "break it differently");
        String localBefore = git(git.workdir, "rev-parse", "HEAD").strip();
        String remoteBefore = git.remoteHead();

        RollbackCli.Run run = git.rollback("revert", "--commit", first, "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).contains("health.txt");
        assertThat(git(git.workdir, "status", "--porcelain")).isEmpty();
        assertThat(git.workdir.resolve(".git/REVERT_HEAD")).doesNotExist();
        assertThat(git(git.workdir, "rev-parse", "HEAD").strip()).isEqualTo(localBefore);
        assertThat(git.remoteHead()).isEqualTo(remoteBefore);
    }

    @Test
    void aDirtyTreeIsRefusedBeforeAnything() throws Exception {
        git.pushCommit("health.txt", "broken\n", "break health");
        Files.writeString(git.workdir.resolve("health.txt"), "local edit\n");
        String remoteBefore = git.remoteHead();

        RollbackCli.Run run = git.rollback("revert", "--yes");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("uncommitted").contains("health.txt");
        assertThat(git.remoteHead()).isEqualTo(remoteBefore);
        assertThat(Files.readString(git.workdir.resolve("health.txt"))).isEqualTo("local edit\n");
    }

    @Test
    void dryRunShowsTheDiffStatAndPushesNothing() throws Exception {
        git.pushCommit("health.txt", "broken\n", "break health");
        String remoteBefore = git.remoteHead();

        RollbackCli.Run run = git.rollback("revert", "--dry-run", "-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.json().path("status").asText()).isEqualTo("planned");
        assertThat(run.step("prepare-branch").path("detail").path("revertDiffStat").asText()).contains("health.txt");
        assertThat(git.remoteHead()).isEqualTo(remoteBefore);
        assertThat(git(git.workdir, "rev-parse", "HEAD").strip()).isEqualTo(remoteBefore);
    }

    @Test
    void aMergeCommitNeedsMainlineAndIsRevertedWithIt() throws Exception {
        git(git.developer, "checkout", "-q", "-b", "topic");
        git.commit("health.txt", "broken\n", "topic: break health");
        git(git.developer, "checkout", "-q", "main");
        git.commit("docs.txt", "docs\n", "docs: meanwhile on main");
        git(git.developer, "merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic");
        git(git.developer, "push", "-q", "origin", "main");
        git(git.workdir, "pull", "-q", "--ff-only");

        RollbackCli.Run refused = git.rollback("revert", "--yes", "-o", "json");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.json().path("error").path("message").asText()).contains("--mainline");

        RollbackCli.Run run = git.rollback("revert", "--mainline", "1", "--yes", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(git.remoteFile("main", "health.txt")).isEqualTo("ok\n");
        assertThat(git.remoteFile("main", "docs.txt")).isEqualTo("docs\n");
    }

    @Test
    void pullRequestModePushesARevertBranchAndLeavesMainAlone() throws Exception {
        String bad = git.pushCommit("health.txt", "broken\n", "break health");
        String remoteBefore = git.remoteHead();

        RollbackCli.Run run = git.rollback("revert", "--mode", "pr", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String branch = "revert-" + bad.substring(0, 7);
        assertThat(run.json().path("result").path("branch").asText()).isEqualTo(branch);
        assertThat(git.remoteHead()).isEqualTo(remoteBefore);
        assertThat(git.remoteFile(branch, "health.txt")).isEqualTo("ok\n");
        assertThat(git(git.workdir, "rev-parse", "HEAD").strip()).isEqualTo(remoteBefore);
    }

    @Test
    void pullRequestIsOpenedThroughTheGitHubApiWithTheToken() throws Exception {
        WireMockServer github = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        try {
            github.stubFor(post("/repos/acme/shop/pulls").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"number\": 7, \"html_url\": \"https://github.com/acme/shop/pull/7\"}")));
            String bad = git.pushCommit("health.txt", "broken\n", "break health");
            git.originLooksLikeGitHub();
            git.writeConfig("");
            Files.writeString(dir.resolve("rollback.yml"), Files.readString(dir.resolve("rollback.yml"))
                .replace("  deploy-timeout: 20s", "  deploy-timeout: 20s\n  forge-api: \"" + github.baseUrl() + "\""));
            String token = "ghp_sentinelToken123";

            RollbackCli.Run run = git.rollback(Map.of("GITHUB_TOKEN", token), "revert", "--mode", "pr", "--yes", "-o", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.json().path("result").path("pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/7");
            github.verify(postRequestedFor(urlEqualTo("/repos/acme/shop/pulls"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(matchingJsonPath("$.head", equalTo("revert-" + bad.substring(0, 7))))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Revert \"break health\""))));
            assertThat(git.remoteFile("revert-" + bad.substring(0, 7), "health.txt")).isEqualTo("ok\n");
            assertThat(run.out() + run.err()).doesNotContain(token);
            assertThat(Files.readString(dir.resolve(".rollback/journal.jsonl"))).doesNotContain(token);
        } finally {
            github.stop();
        }
    }

    @Test
    void aDeployThatNeverArrivesFailsAfterTheTimeoutSayingWhatWasSeen() throws Exception {
        git.pushCommit("health.txt", "broken\n", "break health");
        git.writeConfig("");
        Files.writeString(dir.resolve("rollback.yml"),
            Files.readString(dir.resolve("rollback.yml")).replace("deploy-timeout: 20s", "deploy-timeout: 3s"));
        git.stickDeployer();

        RollbackCli.Run run = git.rollback("revert", "--yes", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().path("error").path("message").asText()).contains("not deployed within 3s")
            .contains("last answered");
        assertThat(run.step("push").path("status").asText()).isEqualTo("succeeded");
    }
}
