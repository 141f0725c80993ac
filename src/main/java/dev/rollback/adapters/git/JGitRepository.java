package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@link GitRepository} on JGit. JGit's exceptions stop here and in the package-private helpers
 * this delegates to: callers only see {@link RollbackException} with a one-line message naming the
 * checkout, the revision or the remote (never credentials).
 *
 * <p>The directory must be the top of a work tree (where {@code .git} is), as {@code stack.workdir}
 * is: paths given to {@link #readFile} and returned by {@link #uncommittedPaths} are relative to it.
 * Close it: it holds the repository and, after an SSH connection, an SSH client.
 */
public final class JGitRepository implements GitRepository, AutoCloseable {
    private final Path dir;
    private final Repository repository;
    private final GitTransport transport;
    private final Revisions revisions;
    private final Branches branches;
    private final Remotes remotes;

    private JGitRepository(Path dir, Repository repository, GitTransport transport) {
        this.dir = dir;
        this.repository = repository;
        this.transport = transport;
        this.revisions = new Revisions(dir, repository);
        this.branches = new Branches(revisions);
        this.remotes = new Remotes(revisions, transport);
    }

    /**
     * Opens the checkout at {@code dir}, with HTTPS credentials from the environment
     * ({@link GitCredentials#fromEnvironment()}), read when a fetch or push first needs them.
     */
    public static JGitRepository open(Path dir) {
        return open(dir, GitCredentials::fromEnvironment);
    }

    /** Opens the checkout at {@code dir}; exit 3 when it is not the top of a git work tree. */
    public static JGitRepository open(Path dir, GitCredentials credentials) {
        return open(dir, () -> credentials);
    }

    private static JGitRepository open(Path dir, Supplier<GitCredentials> credentials) {
        Path top = dir.toAbsolutePath().normalize();
        try {
            // setWorkTree (not findGitDir) so a directory inside some other checkout is not
            // silently taken for that checkout; a ".git" file (linked worktree) is followed.
            Repository repository = new FileRepositoryBuilder()
                .setWorkTree(top.toFile())
                .setMustExist(true)
                .build();
            return new JGitRepository(top, repository, new GitTransport(credentials, GitTransport.DEFAULT_TIMEOUT));
        } catch (RepositoryNotFoundException e) {
            throw RollbackException.refused(top + " is not a git checkout" + enclosingHint(top)
                + "; point stack.workdir at the checkout that holds the compose file");
        } catch (IOException | IllegalArgumentException e) {
            throw RollbackException.refused("cannot open the git checkout " + top + ": " + e.getMessage());
        }
    }

    /**
     * Opens the checkout that contains {@code dir} (its top, or a directory above): a compose file
     * may live in a subdirectory of the application's repository ({@code deploy/}). Exit 3 when
     * {@code dir} is in no checkout.
     */
    public static JGitRepository openEnclosing(Path dir) {
        Path start = dir.toAbsolutePath().normalize();
        FileRepositoryBuilder search = new FileRepositoryBuilder().findGitDir(start.toFile());
        if (search.getGitDir() == null) {
            throw RollbackException.refused(start + " is not in a git checkout; point stack.workdir at the checkout"
                + " that holds the compose file");
        }
        try (Repository found = search.setMustExist(true).build()) {
            return open(found.getWorkTree().toPath());
        } catch (IOException | IllegalStateException e) {
            throw RollbackException.refused("cannot open the git checkout around " + start + ": " + e.getMessage());
        }
    }

    /** Clones {@code url} into {@code dir} (absent or empty) and checks out the remote's default branch. */
    public static JGitRepository cloneInto(String url, Path dir, GitCredentials credentials) {
        return cloneInto(url, dir, null, credentials);
    }

    /**
     * Clones {@code url} into {@code dir} and checks out {@code branch} (null: the remote's default).
     * Exit 3 when {@code dir} holds files, exit 4 when the URL cannot be cloned; a failed clone
     * leaves no directory behind.
     */
    public static JGitRepository cloneInto(String url, Path dir, String branch, GitCredentials credentials) {
        Path top = dir.toAbsolutePath().normalize();
        GitTransport transport = new GitTransport(() -> credentials, GitTransport.DEFAULT_TIMEOUT);
        Repository repository = new Cloning(transport).cloneInto(url, top, branch);
        return new JGitRepository(top, repository, transport);
    }

    /** Names the enclosing repository when {@code dir} is below the top of one. */
    private static String enclosingHint(Path dir) {
        FileRepositoryBuilder search = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (search.getGitDir() == null || search.getGitDir().getParentFile() == null) {
            return "";
        }
        return " (it is inside the checkout " + search.getGitDir().getParentFile() + ")";
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String head() {
        ObjectId head = revisions.lookUp(Constants.HEAD);
        if (head == null) {
            throw RollbackException.refused("the git checkout " + dir + " has no commits yet");
        }
        return head.name();
    }

    @Override
    public String resolve(String revision) {
        return revisions.commitId(revision).name();
    }

    @Override
    public List<String> uncommittedPaths() {
        try {
            Status status = Git.wrap(repository).status().call();
            SortedSet<String> paths = new TreeSet<>();
            paths.addAll(status.getAdded());
            paths.addAll(status.getChanged());
            paths.addAll(status.getModified());
            paths.addAll(status.getRemoved());
            paths.addAll(status.getMissing());
            paths.addAll(status.getUntracked());
            paths.addAll(status.getConflicting());
            return List.copyOf(paths);
        } catch (GitAPIException | JGitInternalException e) {
            throw RollbackException.refused("cannot read the status of the git checkout " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<byte[]> readFile(String revision, String path) {
        return new TreeFiles(revisions).read(revision, path);
    }

    @Override
    public String subject(String revision) {
        try (RevWalk walk = new RevWalk(repository)) {
            // getShortMessage joins the first paragraph's lines, like git log --format=%s.
            return revisions.commit(walk, revision).getShortMessage();
        }
    }

    @Override
    public String currentBranch() {
        return branches.current();
    }

    @Override
    public Optional<String> remoteUrl(String remote) {
        return remotes.url(remote);
    }

    @Override
    public void fetch(String remote) {
        remotes.fetch(remote);
    }

    @Override
    public Optional<String> remoteBranchHead(String remote, String branch) {
        return remotes.branchHead(remote, branch);
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        return branches.isAncestor(ancestor, descendant);
    }

    @Override
    public void fastForward(String to) {
        branches.fastForward(to);
    }

    @Override
    public int parentCount(String revision) {
        return branches.parentCount(revision);
    }

    @Override
    public RevertOutcome revert(String commit, Integer mainline, GitAuthor author) {
        return new Reverter(revisions, branches, this::uncommittedPaths).revert(commit, mainline, author);
    }

    @Override
    public String diffStat(String from, String to) {
        return new TreeDiff(revisions).stat(from, to);
    }

    @Override
    public List<String> changedPaths(String from, String to) {
        return new TreeDiff(revisions).changedPaths(from, to);
    }

    @Override
    public List<FileChange> changes(String from, String to) {
        return new TreeDiff(revisions).changes(from, to);
    }

    @Override
    public void resetHard(String commit) {
        branches.resetHard(commit);
    }

    @Override
    public PushOutcome push(String remote, String localRef, String remoteBranch) {
        return remotes.push(remote, localRef, remoteBranch);
    }

    @Override
    public void createBranch(String name, String at) {
        branches.create(name, at);
    }

    @Override
    public void close() {
        transport.close();
        repository.close();
    }

    @Override
    public String toString() {
        return "git checkout " + dir;
    }
}
