package dev.rollback.adapters.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubRepositoryTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "https://github.com/merq/app.git",
        "https://github.com/merq/app",
        "https://github.com/merq/app/",
        "https://x-access-token:secret@github.com/merq/app.git",
        "git@github.com:merq/app.git",
        "git@github.com:merq/app",
        "ssh://git@github.com/merq/app.git",
        "ssh://git@github.com:22/merq/app.git"})
    void everyUsualFormOfARemoteUrlNamesOwnerAndRepository(String url) {
        assertThat(GitHubRepository.fromRemoteUrl(url)).hasValue(new GitHubRepository("github.com", "merq", "app"));
    }

    @Test
    void theComparePageIsWhereAPersonOpensThePullRequest() {
        GitHubRepository repository = GitHubRepository.fromRemoteUrl("git@github.com:merq/app.git").orElseThrow();

        assertThat(repository.fullName()).isEqualTo("merq/app");
        assertThat(repository.compareUrl("main", "revert-abc1234"))
            .isEqualTo("https://github.com/merq/app/compare/main...revert-abc1234?expand=1");
        assertThat(repository.compareUrl("release/2.x", "revert-abc1234"))
            .isEqualTo("https://github.com/merq/app/compare/release/2.x...revert-abc1234?expand=1");
    }

    @Test
    void anEnterpriseHostKeepsItsHostAndApiPath() {
        GitHubRepository repository = GitHubRepository.fromRemoteUrl("https://git.example.com/ops/merq.git").orElseThrow();

        assertThat(repository.compareUrl("main", "revert-abc1234"))
            .startsWith("https://git.example.com/ops/merq/compare/");
        assertThat(repository.apiBase()).isEqualTo(URI.create("https://git.example.com/api/v3"));
        assertThat(GitHubRepository.fromRemoteUrl("https://github.com/merq/app").orElseThrow().apiBase())
            .isEqualTo(URI.create("https://api.github.com"));
    }

    @Test
    void urlsWithoutOwnerAndNameGiveNothing() {
        assertThat(GitHubRepository.fromRemoteUrl("file:///srv/git/merq.git")).isEmpty();
        assertThat(GitHubRepository.fromRemoteUrl("/srv/git/merq.git")).isEmpty();
        assertThat(GitHubRepository.fromRemoteUrl("https://github.com/merq")).isEmpty();
        assertThat(GitHubRepository.fromRemoteUrl("https://github.com/a/b/c")).isEmpty();
        assertThat(GitHubRepository.fromRemoteUrl(null)).isEmpty();
    }
}
