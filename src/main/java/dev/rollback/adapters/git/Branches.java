package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.RefAlreadyExistsException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/** The current branch and the commits it can be moved to. */
final class Branches {
    private final Revisions revisions;

    Branches(Revisions revisions) {
        this.revisions = revisions;
    }

    /** The short name of the checked-out branch; exit 3 on a detached HEAD, where no branch would move. */
    String current() {
        try {
            String full = repository().getFullBranch();
            if (full != null && full.startsWith(Constants.R_HEADS)) {
                return Repository.shortenRefName(full);
            }
            throw RollbackException.refused("HEAD of the git checkout " + revisions.dir() + " is detached"
                + (full == null ? "" : " at " + full.substring(0, Math.min(7, full.length())))
                + "; check out the deploy branch first");
        } catch (IOException e) {
            throw revisions.unreadable("read HEAD", e);
        }
    }

    boolean isAncestor(String ancestor, String descendant) {
        try (RevWalk walk = new RevWalk(repository())) {
            return walk.isMergedInto(revisions.commit(walk, ancestor), revisions.commit(walk, descendant));
        } catch (IOException e) {
            throw revisions.unreadable("compare " + ancestor + " with " + descendant, e);
        }
    }

    int parentCount(String revision) {
        try (RevWalk walk = new RevWalk(repository())) {
            return revisions.commit(walk, revision).getParentCount();
        }
    }

    /** Moves the current branch forward to a descendant of HEAD; exit 3 when it is not one. */
    void fastForward(String to) {
        String branch = current();
        try (RevWalk walk = new RevWalk(repository())) {
            RevCommit head = revisions.commit(walk, Constants.HEAD);
            RevCommit target = revisions.commit(walk, to);
            if (head.equals(target)) {
                return;
            }
            if (!walk.isMergedInto(head, target)) {
                throw RollbackException.refused(branch + " at " + Revisions.abbreviate(head) + " cannot be "
                    + "fast-forwarded to " + to + " (" + Revisions.abbreviate(target) + "): the branches have "
                    + "diverged; reconcile them with git before rolling back");
            }
            move(head, target, "fast-forward: " + to);
        } catch (IOException e) {
            throw revisions.unreadable("fast-forward " + branch + " to " + to, e);
        }
    }

    /**
     * Points the current branch, the index and the work tree at {@code commit}, discarding
     * uncommitted changes to tracked files, like {@code git reset --hard}.
     */
    void resetHard(String commit) {
        current();
        ObjectId target = revisions.commitId(commit);
        try {
            Git.wrap(repository()).reset().setMode(ResetType.HARD).setRef(target.name()).call();
        } catch (GitAPIException | JGitInternalException e) {
            throw revisions.unreadable("reset to " + commit, e);
        }
    }

    /** Creates {@code refs/heads/<name>} at {@code at} without checking it out; exit 3 if it exists. */
    void create(String name, String at) {
        if (name == null || !Repository.isValidRefName(Constants.R_HEADS + name)) {
            throw RollbackException.usage("'" + name + "' is not a valid git branch name");
        }
        ObjectId start = revisions.commitId(at);
        try {
            Git.wrap(repository()).branchCreate().setName(name).setStartPoint(start.name()).call();
        } catch (RefAlreadyExistsException e) {
            throw RollbackException.refused("branch " + name + " already exists in " + revisions.dir()
                + existingAt(name) + "; delete it or pick another name");
        } catch (GitAPIException | JGitInternalException e) {
            throw revisions.unreadable("create branch " + name, e);
        }
    }

    /**
     * Moves the current branch from {@code from} to {@code to}, index and work tree with it. Files
     * are written before the branch moves; if the branch was moved meanwhile by someone else, the
     * files are put back and nothing changed.
     */
    void move(RevCommit from, RevCommit to, String reflogMessage) throws IOException {
        checkout(from.getTree(), to.getTree());
        RefUpdate update = repository().updateRef(Constants.HEAD);
        update.setExpectedOldObjectId(from);
        update.setNewObjectId(to);
        update.setRefLogMessage(reflogMessage, false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED) {
            checkout(to.getTree(), from.getTree());
            throw RollbackException.refused("could not move " + current() + " to " + Revisions.abbreviate(to)
                + " (" + result + "): something else changed it meanwhile; look at git log and retry");
        }
    }

    /** Like git's two-tree checkout: touches only what differs, refuses to overwrite local changes. */
    private void checkout(RevTree from, RevTree to) throws IOException {
        DirCache index = repository().lockDirCache();
        try {
            DirCacheCheckout checkout = new DirCacheCheckout(repository(), from, index, to);
            checkout.setFailOnConflict(true);
            checkout.checkout();
        } catch (CheckoutConflictException e) {
            throw RollbackException.refused("local changes in " + revisions.dir() + " would be overwritten: "
                + String.join(", ", e.getConflictingFiles()) + "; commit or discard them first");
        } finally {
            index.unlock();
        }
    }

    private String existingAt(String name) {
        try {
            Ref ref = repository().exactRef(Constants.R_HEADS + name);
            return ref == null || ref.getObjectId() == null ? "" : " at " + Revisions.abbreviate(ref.getObjectId());
        } catch (IOException e) {
            return "";
        }
    }

    private Repository repository() {
        return revisions.repository();
    }
}
