package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads files as they are in a commit's tree, without touching the work tree. */
final class TreeFiles {
    private final Revisions revisions;

    TreeFiles(Revisions revisions) {
        this.revisions = revisions;
    }

    Optional<byte[]> read(String revision, String path) {
        String treePath = treePath(path);
        Repository repository = revisions.repository();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = revisions.commit(walk, revision);
            try (TreeWalk entry = TreeWalk.forPath(repository, treePath, commit.getTree())) {
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
            throw revisions.unreadable("read " + path + " at " + revision, e);
        }
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
}
