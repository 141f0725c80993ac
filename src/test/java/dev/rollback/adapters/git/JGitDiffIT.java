package dev.rollback.adapters.git;

import static dev.rollback.adapters.git.GitFixture.commit;
import static dev.rollback.adapters.git.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The diff a revert would make, as the plan shows it: compared with the git command line's own output. */
@ExtendWith(IsolatedJGit.class)
class JGitDiffIT {
    @TempDir
    Path root;
    private Path repo;
    private JGitRepository repository;
    private String before;

    @BeforeEach
    void aCheckoutWithSomeFiles() throws Exception {
        Path bare = GitFixture.remoteWithOneCommit(root);
        repo = GitFixture.cloneOf(bare, root, "repo");
        commit(repo, "db/migrations/001_create_users.sql", lines("create table users", 12), "Users table");
        commit(repo, "config/app.env", "A=1\nB=2\nC=3\n", "App config");
        commit(repo, "old-notes.md", "notes\n", "Notes");
        before = git(repo, "rev-parse", "HEAD");
        repository = JGitRepository.open(repo, GitCredentials.none());
    }

    @AfterEach
    void close() {
        repository.close();
    }

    @Test
    void smallChangesLookExactlyLikeGitDiffStat() throws Exception {
        GitFixture.write(repo, "config/app.env", "A=1\nB=20\nC=3\nD=4\n");
        GitFixture.write(repo, "web.yml", "web: 1\n");
        Files.delete(repo.resolve("old-notes.md"));
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "-m", "Mixed change");

        assertSameAsGit(before, "HEAD");
        assertThat(repository.diffStat(before, "HEAD"))
            .endsWith(" 3 files changed, 3 insertions(+), 2 deletions(-)\n");
    }

    @Test
    void renamesBinariesAndLargeChangesLookExactlyLikeGitDiffStat() throws Exception {
        git(repo, "mv", "db/migrations/001_create_users.sql", "db/migrations/001_users.sql");
        Files.write(repo.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2, 3});
        GitFixture.write(repo, "services/a-rather-long-directory-name/with/a/deeply/nested/compose.override.yml",
            lines("override", 300));
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "-m", "Rename, binary, big file");

        assertSameAsGit(before, "HEAD");
        // The long names are cut to fit 80 columns, and the 300-line graph is scaled down.
        assertThat(repository.diffStat(before, "HEAD")).contains(" .../{001_create_users.sql => 001_users.sql} ",
            " logo.png ", "| Bin 0 -> 9 bytes\n", " .../with/a/deeply/nested/compose.override.yml ",
            "| 300 " + "+".repeat(21) + "\n");
    }

    @Test
    void theRevertOfAMigrationShowsTheMigrationAsChanged() throws Exception {
        commit(repo, "db/migrations/002_drop_email.sql", "alter table users drop column email;\n", "Drop email");
        String bad = repository.head();

        RevertOutcome revert = repository.revert(bad, null, null);

        assertThat(repository.changedPaths(revert.previousHead(), revert.commit()))
            .containsExactly("db/migrations/002_drop_email.sql");
        assertThat(repository.diffStat(revert.previousHead(), revert.commit()))
            .isEqualTo(" db/migrations/002_drop_email.sql | 1 -\n 1 file changed, 1 deletion(-)\n");
    }

    @Test
    void changedPathsListEveryPathTouchedLikeGitDiffNameOnlyNoRenames() throws Exception {
        git(repo, "mv", "config/app.env", "config/app.env.example");
        GitFixture.write(repo, "web.yml", "web: 1\n");
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "-m", "Rename and add");

        List<String> expected = git(repo, "diff", "--name-only", "--no-renames", before, "HEAD").lines().sorted().toList();
        assertThat(repository.changedPaths(before, "HEAD"))
            .isEqualTo(expected)
            .containsExactly("config/app.env", "config/app.env.example", "web.yml");
        assertThat(repository.changedPaths("HEAD", "HEAD")).isEmpty();
    }

    private void assertSameAsGit(String from, String to) throws Exception {
        // git prints 80 columns wide when stdout is not a terminal, as here.
        String cli = GitFixture.gitRaw(repo, "diff", "--stat", from, to);
        assertThat(repository.diffStat(from, to)).isEqualTo(cli);
    }

    private static String lines(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i).collect(Collectors.joining("\n", "", "\n"));
    }
}
