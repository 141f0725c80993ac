package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One checkout's repository, how revisions resolve in it, and the wording of errors about it.
 * Every helper of {@link JGitRepository} shares one instance, so all messages name the checkout
 * the same way.
 */
final class Revisions {
    private static final String PEEL = "^{commit}";

    private final Path dir;
    private final Repository repository;

    Revisions(Path dir, Repository repository) {
        this.dir = dir;
        this.repository = repository;
    }

    Path dir() {
        return dir;
    }

    Repository repository() {
        return repository;
    }

    /** The commit a revision names; a tag is peeled to its commit. Exit 3 when there is none. */
    ObjectId commitId(String revision) {
        if (revision == null || revision.isBlank()) {
            throw RollbackException.refused("no git revision given");
        }
        ObjectId id = lookUp(revision + PEEL);
        if (id == null) {
            throw unknown(revision);
        }
        return id;
    }

    /** The commit a revision names, parsed by {@code walk} (so commits of one walk compare equal). */
    RevCommit commit(RevWalk walk, String revision) {
        ObjectId id = commitId(revision);
        try {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw unreadable("read commit " + revision, e);
        }
    }

    /** What {@code revision} resolves to, or null when it names nothing. */
    ObjectId lookUp(String revision) {
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

    RollbackException unknown(String revision) {
        return RollbackException.refused("unknown git revision '" + revision + "' in " + dir
            + " (fetch first if it exists only on the remote)");
    }

    RollbackException unreadable(String what, Exception e) {
        return RollbackException.refused("cannot " + what + " in the git checkout " + dir + ": " + e.getMessage());
    }

    /** The 7-character form git prints in one-line summaries. */
    static String abbreviate(AnyObjectId id) {
        return id.abbreviate(7).name();
    }

    private static String stripPeel(String revision) {
        return revision.endsWith(PEEL) ? revision.substring(0, revision.length() - PEEL.length()) : revision;
    }
}
