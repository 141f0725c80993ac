package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * {@link GitRepository} on JGit. JGit's exceptions stop here: callers only see
 * {@link RollbackException} with exit 3 and a one-line message naming the checkout and revision.
 *
 * <p>The directory must be the top of a work tree (where {@code .git} is), as {@code stack.workdir}
 * is: paths given to {@link #readFile} and returned by {@link #uncommittedPaths} are relative to it.
 */
public final class JGitRepository implements GitRepository, AutoCloseable {
    private final Path dir;
    private final Repository repository;

    private JGitRepository(Path dir, Repository repository) {
        this.dir = dir;
        this.repository = repository;
    }

    /** Opens the checkout at {@code dir}; exit 3 when it is not the top of a git work tree. */
    public static JGitRepository open(Path dir) {
        Path top = dir.toAbsolutePath().normalize();
        try {
            // setWorkTree (not findGitDir) so a directory inside some other checkout is not
            // silently taken for that checkout; a ".git" file (linked worktree) is followed.
            Repository repository = new FileRepositoryBuilder()
                .setWorkTree(top.toFile())
                .setMustExist(true)
                .build();
            return new JGitRepository(top, repository);
        } catch (RepositoryNotFoundException e) {
            throw RollbackException.refused(top + " is not a git checkout" + enclosingHint(top)
                + "; point stack.workdir at the checkout that holds the compose file");
        } catch (IOException | IllegalArgumentException e) {
            throw RollbackException.refused("cannot open the git checkout " + top + ": " + e.getMessage());
        }
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
        ObjectId head = lookUp(Constants.HEAD);
        if (head == null) {
            throw RollbackException.refused("the git checkout " + dir + " has no commits yet");
        }
        return head.name();
    }

    @Override
    public String resolve(String revision) {
        return commitId(revision).name();
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
        String treePath = treePath(path);
        ObjectId commit = commitId(revision);
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit parsed = walk.parseCommit(commit);
            try (TreeWalk entry = TreeWalk.forPath(repository, treePath, parsed.getTree())) {
                if (entry == null) {
                    return Optional.empty();
                }
                FileMode mode = entry.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    throw RollbackException.refused(path + " at " + revision + " is " + describe(mode)
                        + ", not a file");
                }
                try (InputStream in = repository.open(entry.getObjectId(0), Constants.OBJ_BLOB).openStream()) {
                    return Optional.of(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw unreadable("read " + path + " at " + revision, e);
        }
    }

    @Override
    public String subject(String revision) {
        ObjectId commit = commitId(revision);
        try (RevWalk walk = new RevWalk(repository)) {
            // getShortMessage joins the first paragraph's lines, like git log --format=%s.
            return walk.parseCommit(commit).getShortMessage();
        } catch (IOException e) {
            throw unreadable("read commit " + revision, e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    /** The commit a revision names; a tag is peeled to its commit. */
    private ObjectId commitId(String revision) {
        if (revision == null || revision.isBlank()) {
            throw RollbackException.refused("no git revision given");
        }
        ObjectId id = lookUp(revision + "^{commit}");
        if (id == null) {
            throw unknown(revision);
        }
        return id;
    }

    private ObjectId lookUp(String revision) {
        try {
            return repository.resolve(revision);
        } catch (AmbiguousObjectException e) {
            throw RollbackException.refused("git revision '" + stripPeel(revision)
                + "' is ambiguous in " + dir + "; give more characters of the commit id");
        } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw unknown(stripPeel(revision));
        } catch (IOException e) {
            throw unreadable("resolve '" + stripPeel(revision) + "'", e);
        }
    }

    private RollbackException unknown(String revision) {
        return RollbackException.refused("unknown git revision '" + revision + "' in " + dir
            + " (fetch first if it exists only on the remote)");
    }

    private RollbackException unreadable(String what, IOException e) {
        return RollbackException.refused("cannot " + what + " in the git checkout " + dir + ": " + e.getMessage());
    }

    private static String stripPeel(String revision) {
        return revision.endsWith("^{commit}") ? revision.substring(0, revision.length() - "^{commit}".length()) : revision;
    }

    /** JGit wants "a/b" relative to the top; operators write "./a/b" too. Escapes are refused. */
    private static String treePath(String path) {
        String normalized = path == null ? "" : path.replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        boolean escapes = normalized.startsWith("/") || normalized.equals("..")
            || normalized.startsWith("../") || normalized.contains("/../") || normalized.endsWith("/..");
        if (normalized.isEmpty() || escapes) {
            throw RollbackException.refused("'" + path + "' is not a path inside the git checkout");
        }
        return normalized;
    }

    private static String describe(FileMode mode) {
        if (mode == FileMode.TREE) {
            return "a directory";
        }
        if (mode == FileMode.SYMLINK) {
            return "a symbolic link";
        }
        return mode == FileMode.GITLINK ? "a submodule" : "not a regular file";
    }

    @Override
    public String toString() {
        return "git checkout " + dir;
    }
}
