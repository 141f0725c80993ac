package dev.rollback.adapters.git;

import static dev.rollback.adapters.git.GitFixture.commit;
import static dev.rollback.adapters.git.GitFixture.git;
import static dev.rollback.adapters.git.GitFixture.rawMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reverts made through JGit against reverts made by the git command line in a twin clone of the
 * same remote: same message byte for byte, same tree.
 */
@ExtendWith(IsolatedJGit.class)
class JGitRevertIT {
    private static final String V14 = "services:\n  backend:\n    image: merq/backend:1.4\n";
    private static final String V15 = "services:\n  backend:\n    image: merq/backend:1.5\n";

    @TempDir
    Path root;
    private Path bare;
    private Path ours;
    private Path twin;
    private JGitRepository repository;

    @BeforeEach
    void twoClonesOfOneRemote() throws Exception {
        bare = GitFixture.remoteWithOneCommit(root);
        Path developer = root.resolve("developer");
        commit(developer, "docker-compose.yml", V15, "Release 1.5: new backend image\nsecond subject line\n\nWhy: faster.");
        commit(developer, "README.md", "merq\n", "Document the stack");
        git(developer, "push", "--quiet", "origin", "main");
        ours = GitFixture.cloneOf(bare, root, "ours");
        twin = GitFixture.cloneOf(bare, root, "twin");
        repository = JGitRepository.open(ours, GitCredentials.none());
    }

    @AfterEach
    void close() {
        repository.close();
    }

    @Test
    void aPlainRevertHasTheMessageAndTreeOfGitRevertNoEdit() throws Exception {
        String bad = git(ours, "rev-parse", "HEAD~1");
        String before = repository.head();

        RevertOutcome outcome = repository.revert(bad, null, null);
        git(twin, "revert", "--no-edit", bad);

        assertThat(rawMessage(ours, "HEAD")).isEqualTo(rawMessage(twin, "HEAD"))
            .isEqualTo("Revert \"Release 1.5: new backend image\"\n\nThis reverts commit " + bad + ".\n");
        assertThat(git(ours, "rev-parse", "HEAD^{tree}")).isEqualTo(git(twin, "rev-parse", "HEAD^{tree}"));
        assertThat(Files.readString(ours.resolve("docker-compose.yml"))).isEqualTo(V14);
        assertThat(git(ours, "status", "--porcelain")).isEmpty();
        assertThat(git(ours, "log", "-1", "--format=%an <%ae>|%cn <%ce>"))
            .isEqualTo("Deploy Bot <deploy@example.com>|Deploy Bot <deploy@example.com>");
        assertThat(outcome.commit()).isEqualTo(git(ours, "rev-parse", "main"));
        assertThat(outcome.reverted()).isEqualTo(bad);
        assertThat(outcome.revertedSubject()).isEqualTo("Release 1.5: new backend image");
        assertThat(outcome.previousHead()).isEqualTo(before);
        assertThat(outcome.branch()).isEqualTo("main");
        assertThat(outcome.revertOfRevert()).isFalse();
        assertThat(git(ours, "rev-parse", "HEAD~1")).isEqualTo(before);
    }

    @Test
    void theGivenAuthorIsAuthorAndCommitter() throws Exception {
        repository.revert("HEAD~1", null, new GitAuthor("Rollback Tool", "rollback@example.com"));

        assertThat(git(ours, "log", "-1", "--format=%an <%ae>|%cn <%ce>"))
            .isEqualTo("Rollback Tool <rollback@example.com>|Rollback Tool <rollback@example.com>");
    }

    @Test
    void withoutAnAuthorOrAConfiguredIdentityNothingIsCommitted() throws Exception {
        git(ours, "config", "--unset", "user.name");
        git(ours, "config", "--unset", "user.email");
        try (JGitRepository anonymous = JGitRepository.open(ours, GitCredentials.none())) {
            String before = anonymous.head();

            assertRefused(() -> anonymous.revert("HEAD~1", null, null), "no author for the revert commit");
            assertThat(anonymous.head()).isEqualTo(before);
        }
    }

    @Test
    void revertingARevertIsAllowedAndSaid() throws Exception {
        RevertOutcome first = repository.revert("HEAD~1", null, null);

        RevertOutcome again = repository.revert(first.commit(), null, null);
        git(twin, "revert", "--no-edit", "HEAD~1");
        git(twin, "revert", "--no-edit", "HEAD");

        assertThat(again.revertOfRevert()).isTrue();
        assertThat(rawMessage(ours, "HEAD")).isEqualTo("Revert \"Revert \"Release 1.5: new backend image\"\"\n\n"
            + "This reverts commit " + first.commit() + ".\n");
        assertThat(git(ours, "rev-parse", "HEAD^{tree}")).isEqualTo(git(twin, "rev-parse", "HEAD^{tree}"));
        assertThat(Files.readString(ours.resolve("docker-compose.yml"))).isEqualTo(V15);
    }

    @Test
    void aMergeRevertedWithMainlineOneMatchesGitRevertM1() throws Exception {
        String merge = pushMergeOfFeatureBranch();
        git(ours, "pull", "--quiet", "--ff-only");
        git(twin, "pull", "--quiet", "--ff-only");
        String firstParent = git(ours, "rev-parse", merge + "^1");

        RevertOutcome outcome = repository.revert(merge, 1, null);
        git(twin, "revert", "--no-edit", "-m", "1", merge);

        assertThat(rawMessage(ours, "HEAD")).isEqualTo(rawMessage(twin, "HEAD"))
            .isEqualTo("Revert \"Merge branch 'search'\"\n\nThis reverts commit " + merge + ", reversing\n"
                + "changes made to " + firstParent + ".\n");
        assertThat(git(ours, "rev-parse", "HEAD^{tree}")).isEqualTo(git(twin, "rev-parse", "HEAD^{tree}"));
        assertThat(ours.resolve("search.yml")).doesNotExist();
        assertThat(outcome.mainline()).isEqualTo(1);
        assertThat(git(ours, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aMergeWithoutMainlineIsRefusedListingItsParents() throws Exception {
        String merge = pushMergeOfFeatureBranch();
        git(ours, "pull", "--quiet", "--ff-only");
        String before = repository.head();
        String first = git(ours, "rev-parse", "--short=7", merge + "^1");
        String second = git(ours, "rev-parse", "--short=7", merge + "^2");

        assertRefused(() -> repository.revert(merge, null, null), "--mainline N");
        assertRefused(() -> repository.revert(merge, null, null), "1: " + first + " \"Document the stack\", 2: "
            + second + " \"Add search\"");
        assertRefused(() -> repository.revert(merge, 3, null), "3 is not one of them");
        assertThat(repository.head()).isEqualTo(before);
        assertThat(repository.parentCount(merge)).isEqualTo(2);
    }

    @Test
    void mainlineOnAnOrdinaryCommitIsOnlyAcceptedAsOne() {
        assertRefused(() -> repository.revert("HEAD~1", 2, null), "is not a merge, so --mainline 2 does not apply");

        RevertOutcome outcome = repository.revert("HEAD~1", 1, null);
        assertThat(repository.subject("HEAD")).isEqualTo("Revert \"Release 1.5: new backend image\"");
        assertThat(outcome.message()).doesNotContain("reversing");
    }

    @Test
    void aConflictIsRefusedListingThePathsAndLeavesNoTrace() throws Exception {
        commit(ours, "docker-compose.yml", "services:\n  backend:\n    image: merq/backend:1.6\n", "Release 1.6");
        String before = repository.head();
        String bad = git(ours, "rev-parse", "HEAD~2");

        assertRefused(() -> repository.revert(bad, null, null), "conflicts with later changes in: docker-compose.yml");

        assertThat(repository.head()).isEqualTo(before);
        assertThat(git(ours, "status", "--porcelain")).isEmpty();
        assertThat(ours.resolve(".git/REVERT_HEAD")).doesNotExist();
        assertThat(ours.resolve(".git/MERGE_MSG")).doesNotExist();
        assertThat(Files.readString(ours.resolve("docker-compose.yml"))).doesNotContain("<<<<<<<").contains("1.6");
    }

    @Test
    void aRevertLeftHalfDoneByHandIsNotBuiltUpon() throws Exception {
        commit(ours, "docker-compose.yml", "services:\n  backend:\n    image: merq/backend:1.6\n", "Release 1.6");
        String bad = git(ours, "rev-parse", "HEAD~2");
        ProcessBuilder conflicting = new ProcessBuilder("git", "revert", "--no-edit", bad).directory(ours.toFile());
        conflicting.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        conflicting.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        assertThat(conflicting.redirectErrorStream(true).start().waitFor()).as("git revert conflicts").isNotZero();

        assertRefused(() -> repository.revert("HEAD~1", null, null), "is in the middle of");
        assertThat(ours.resolve(".git/REVERT_HEAD")).exists();
    }

    @Test
    void anAlreadyRevertedCommitIsRefusedAsEmpty() throws Exception {
        String bad = git(ours, "rev-parse", "HEAD~1");
        repository.revert(bad, null, null);
        String before = repository.head();

        assertRefused(() -> repository.revert(bad, null, null), "changes nothing on main");
        assertThat(repository.head()).isEqualTo(before);
        assertThat(git(ours, "status", "--porcelain")).isEmpty();
    }

    @Test
    void aDirtyTreeIsRefusedBeforeAnythingHappens() throws Exception {
        GitFixture.write(ours, "notes.txt", "local\n");
        String before = repository.head();

        assertRefused(() -> repository.revert("HEAD~1", null, null), "uncommitted changes: notes.txt");
        assertThat(repository.head()).isEqualTo(before);
    }

    @Test
    void aCommitThatIsNotOnTheBranchIsRefused() throws Exception {
        git(ours, "checkout", "--quiet", "-b", "side");
        String elsewhere = commit(ours, "side.txt", "x\n", "Side work");
        git(ours, "checkout", "--quiet", "main");

        assertRefused(() -> repository.revert(elsewhere, null, null), "is not on main");
    }

    @Test
    void theFirstCommitIsNotReverted() throws Exception {
        String rootCommit = git(ours, "rev-list", "--max-parents=0", "HEAD");

        assertRefused(() -> repository.revert(rootCommit, null, null), "first commit of the repository");
    }

    @Test
    void resetHardDropsTheRevertCommitAgain() throws Exception {
        RevertOutcome outcome = repository.revert("HEAD~1", null, null);

        repository.resetHard(outcome.previousHead());

        assertThat(git(ours, "rev-parse", "main")).isEqualTo(outcome.previousHead());
        assertThat(Files.readString(ours.resolve("docker-compose.yml"))).isEqualTo(V15);
        assertThat(git(ours, "status", "--porcelain")).isEmpty();
    }

    /** On the remote: branch "search" adds search.yml, merged into main with --no-ff. */
    private String pushMergeOfFeatureBranch() throws Exception {
        Path developer = root.resolve("developer");
        git(developer, "checkout", "--quiet", "-b", "search", "HEAD~1");
        commit(developer, "search.yml", "search: on\n", "Add search");
        git(developer, "checkout", "--quiet", "main");
        git(developer, "merge", "--quiet", "--no-ff", "--no-edit", "search");
        git(developer, "push", "--quiet", "origin", "main");
        return git(developer, "rev-parse", "HEAD");
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
    }
}
