package dev.rollback.adapters.git;

import static dev.rollback.adapters.git.GitFixture.commit;
import static dev.rollback.adapters.git.GitFixture.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Fetch, fast-forward, push and clone against a real bare remote on disk. */
@ExtendWith(IsolatedJGit.class)
class JGitRemotesIT {
    private static final String TOKEN = "ghp_Test0nlyS3cretZq8vN3xWk5pL";

    @TempDir
    Path root;
    private Path bare;
    private Path ours;
    private Path colleague;
    private JGitRepository repository;

    @BeforeEach
    void aRemoteAndTwoClones() throws Exception {
        bare = GitFixture.remoteWithOneCommit(root);
        ours = GitFixture.cloneOf(bare, root, "ours");
        colleague = GitFixture.cloneOf(bare, root, "colleague");
        repository = JGitRepository.open(ours, GitCredentials.none());
    }

    @AfterEach
    void close() {
        repository.close();
    }

    @Test
    void afterAFetchABranchThatIsBehindIsFastForwarded() throws Exception {
        String pushed = pushFromColleague("web.yml", "Add web");
        String before = repository.head();

        repository.fetch("origin");

        assertThat(repository.remoteBranchHead("origin", "main")).hasValue(pushed);
        assertThat(repository.isAncestor(before, pushed)).isTrue();
        repository.fastForward(pushed);
        assertThat(git(ours, "rev-parse", "main")).isEqualTo(pushed);
        assertThat(ours.resolve("web.yml")).exists();
        assertThat(git(ours, "status", "--porcelain")).isEmpty();
        assertThat(repository.currentBranch()).isEqualTo("main");
    }

    @Test
    void aFastForwardThatWouldOverwriteALocalChangeIsRefusedAndKeepsIt() throws Exception {
        git(colleague, "pull", "--quiet", "--ff-only");
        String pushed = commit(colleague, "docker-compose.yml", "services: {}\n", "Empty the stack");
        git(colleague, "push", "--quiet", "origin", "main");
        GitFixture.write(ours, "docker-compose.yml", "services:\n  hand-edited: {}\n");
        String before = repository.head();
        repository.fetch("origin");

        assertRefused(() -> repository.fastForward(pushed), "local changes in " + ours
            + " would be overwritten: docker-compose.yml");
        assertThat(repository.head()).isEqualTo(before);
        assertThat(Files.readString(ours.resolve("docker-compose.yml"))).contains("hand-edited");
    }

    @Test
    void divergedBranchesAreNotAncestorsEitherWayAndAreNotFastForwarded() throws Exception {
        String theirs = pushFromColleague("web.yml", "Add web");
        String mine = commit(ours, "local.yml", "x: 1\n", "Local commit");
        repository.fetch("origin");

        assertThat(repository.isAncestor(mine, theirs)).isFalse();
        assertThat(repository.isAncestor(theirs, mine)).isFalse();
        assertThatThrownBy(() -> repository.fastForward(theirs))
            .isInstanceOf(RollbackException.class).hasMessageContaining("diverged")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
        assertThat(repository.head()).isEqualTo(mine);
    }

    @Test
    void aPushMovesTheRemoteBranchToTheRevertCommit() throws Exception {
        commit(ours, "web.yml", "web: 1\n", "Add web");
        git(ours, "push", "--quiet", "origin", "main");
        RevertOutcome revert = repository.revert("HEAD", null, null);

        PushOutcome outcome = repository.push("origin", "HEAD", "main");

        assertThat(outcome.status()).isEqualTo(PushOutcome.Status.OK);
        assertThat(outcome.pushed()).isTrue();
        assertThat(outcome.commit()).isEqualTo(revert.commit());
        assertThat(git(bare, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(revert.commit());
        assertThat(repository.remoteBranchHead("origin", "main")).as("tracking ref follows the push").hasValue(revert.commit());
    }

    @Test
    void aPushAfterTheRemoteMovedIsARejectedOutcomeThatAFetchExplains() throws Exception {
        commit(ours, "web.yml", "web: 1\n", "Add web");
        git(ours, "push", "--quiet", "origin", "main");
        RevertOutcome revert = repository.revert("HEAD", null, null);
        String moved = pushFromColleague("hotfix.yml", "Hotfix");

        PushOutcome outcome = repository.push("origin", "HEAD", "main");

        assertThat(outcome.status()).isEqualTo(PushOutcome.Status.REJECTED);
        assertThat(outcome.detail()).contains("origin/main", "REJECTED_NONFASTFORWARD");
        assertThat(git(bare, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(moved);
        repository.fetch("origin");
        assertThat(repository.remoteBranchHead("origin", "main")).hasValue(moved);
        assertThat(repository.isAncestor(moved, revert.commit())).isFalse();
        repository.resetHard(revert.previousHead());
        assertThat(repository.head()).isEqualTo(revert.previousHead());
    }

    @Test
    void aPushRefusedByAHookIsExit3WithTheRemotesMessage() throws Exception {
        Path hook = bare.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        // JGit pushes to a file:// remote in-process and runs no hooks; the real receive-pack does.
        git(ours, "config", "remote.origin.receivepack", git(ours, "--exec-path") + "/git-receive-pack");
        commit(ours, "web.yml", "web: 1\n", "Add web");
        String before = git(bare, "--git-dir=" + bare, "rev-parse", "main");

        assertThatThrownBy(() -> repository.push("origin", "HEAD", "main"))
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("the remote refused the push to origin/main")
            .hasMessageContaining("Protected branch update failed")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
        assertThat(git(bare, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(before);
    }

    @Test
    void aRevertBranchIsCreatedAndPushedWhileMainStaysWhereTheRemoteIs() throws Exception {
        // The --mode pr flow: revert, branch at the revert, push the branch, put main back.
        commit(ours, "web.yml", "web: 1\n", "Add web");
        git(ours, "push", "--quiet", "origin", "main");
        RevertOutcome revert = repository.revert("HEAD", null, null);
        String name = "revert-" + revert.reverted().substring(0, 7);

        repository.createBranch(name, revert.commit());
        PushOutcome outcome = repository.push("origin", name, name);
        repository.resetHard(revert.previousHead());

        assertThat(outcome.pushed()).isTrue();
        assertThat(git(bare, "--git-dir=" + bare, "rev-parse", name)).isEqualTo(revert.commit());
        assertThat(git(bare, "--git-dir=" + bare, "rev-parse", "main")).isEqualTo(revert.previousHead());
        assertThat(git(ours, "rev-parse", name)).isEqualTo(revert.commit());
        assertThat(repository.currentBranch()).as("the new branch is not checked out").isEqualTo("main");
        assertThat(repository.head()).isEqualTo(revert.previousHead());
        assertRefused(() -> repository.createBranch(name, "HEAD"), "branch " + name + " already exists");
    }

    @Test
    void cloneIntoChecksOutTheRemoteFromAFileUrl() throws Exception {
        String remoteHead = git(bare, "--git-dir=" + bare, "rev-parse", "main");
        Path target = root.resolve("state/checkout");

        try (JGitRepository clone = JGitRepository.cloneInto(bare.toUri().toString(), target, GitCredentials.none())) {
            assertThat(clone.head()).isEqualTo(remoteHead);
            assertThat(clone.currentBranch()).isEqualTo("main");
            assertThat(clone.remoteBranchHead("origin", "main")).hasValue(remoteHead);
            assertThat(target.resolve("docker-compose.yml")).exists();
            assertThat(clone.isClean()).isTrue();
        }
    }

    @Test
    void cloneIntoAMissingBranchLeavesNothingBehind() {
        Path target = root.resolve("state/checkout");

        assertRefused(() -> JGitRepository.cloneInto(bare.toUri().toString(), target, "deploy", GitCredentials.none()),
            "has no branch deploy (it has: main)");
        assertThat(target).doesNotExist();
    }

    @Test
    void aCloneThatCannotReachItsUrlIsExit4AndLeavesNoDirectory() {
        Path target = root.resolve("state/checkout");

        assertThatThrownBy(() -> JGitRepository.cloneInto(root.resolve("gone.git").toUri().toString(), target,
                GitCredentials.none()))
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("cannot clone file:")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE));
        assertThat(target).doesNotExist();
    }

    @Test
    void cloneIntoADirectoryWithFilesIsRefused() throws Exception {
        Path target = Files.createDirectories(root.resolve("occupied"));
        Files.writeString(target.resolve("keep.txt"), "mine\n");

        assertRefused(() -> JGitRepository.cloneInto(bare.toUri().toString(), target, GitCredentials.none()),
            "it is not empty");
        assertThat(target.resolve("keep.txt")).exists();
    }

    @Test
    void anUnreachableHttpsRemoteIsExit4QuicklyWithoutCredentials() throws Exception {
        int port = closedPort();
        git(ours, "remote", "set-url", "origin", "https://x-access-token:" + TOKEN + "@127.0.0.1:" + port + "/merq.git");
        GitCredentials credentials = GitCredentials.fromEnvironment(Map.of("GIT_TOKEN", TOKEN));
        try (JGitRepository withToken = JGitRepository.open(ours, credentials)) {
            Instant start = Instant.now();

            assertThatThrownBy(() -> withToken.fetch("origin"))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("cannot fetch from origin at https://127.0.0.1:" + port + "/merq.git")
                .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN))
                .satisfies(e -> assertThat(e.getCause()).isNull());
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anUnreachableSshRemoteIsExit4ThroughTheApacheSshTransport() throws Exception {
        int port = closedPort();
        git(ours, "remote", "set-url", "origin", "ssh://git@127.0.0.1:" + port + "/merq.git");

        assertThatThrownBy(() -> repository.fetch("origin"))
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("cannot fetch from origin at ssh://git@127.0.0.1:" + port + "/merq.git")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE));
    }

    @Test
    void aPushToAnUnreachableRemoteIsExit4() throws Exception {
        git(ours, "remote", "set-url", "origin", root.resolve("gone.git").toUri().toString());

        assertThatThrownBy(() -> repository.push("origin", "HEAD", "main"))
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining("cannot push to origin at")
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE));
    }

    @Test
    void anUnknownRemoteIsRefusedNamingTheOnesThereAre() {
        assertRefused(() -> repository.fetch("upstream"), "has no remote 'upstream' (it has: origin)");
        assertThat(repository.remoteBranchHead("origin", "no-such-branch")).isEmpty();
    }

    @Test
    void aDetachedHeadHasNoCurrentBranch() throws Exception {
        git(ours, "checkout", "--quiet", "--detach", "HEAD");

        assertRefused(repository::currentBranch, "is detached");
        assertRefused(() -> repository.revert("HEAD", null, null), "is detached");
    }

    /** Another operator pushes a commit to origin/main; returns its SHA. */
    private String pushFromColleague(String path, String message) throws Exception {
        git(colleague, "pull", "--quiet", "--ff-only");
        String sha = commit(colleague, path, message + "\n", message);
        git(colleague, "push", "--quiet", "origin", "main");
        return sha;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
            .isInstanceOf(RollbackException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
    }
}
