package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * {@code git revert [-m N] --no-edit}, done so that a failure leaves no trace. JGit's own
 * {@code RevertCommand} merges in the work tree (a conflict leaves markers and has to be reset)
 * and refuses merge commits outright; here the three-way merge runs in memory instead: base = the
 * reverted commit, ours = HEAD, theirs = its parent (parent N with a mainline). Only a clean
 * result is committed and checked out, so on a conflict the work tree, the index, REVERT_HEAD and
 * MERGE_MSG are never touched.
 */
final class Reverter {
    private final Revisions revisions;
    private final Branches branches;
    private final Supplier<List<String>> uncommittedPaths;

    Reverter(Revisions revisions, Branches branches, Supplier<List<String>> uncommittedPaths) {
        this.revisions = revisions;
        this.branches = branches;
        this.uncommittedPaths = uncommittedPaths;
    }

    RevertOutcome revert(String revision, Integer mainline, GitAuthor author) {
        requireNothingInProgress();
        String branch = branches.current();
        requireClean();
        PersonIdent ident = ident(author);
        try (RevWalk walk = new RevWalk(repository())) {
            RevCommit head = revisions.commit(walk, Constants.HEAD);
            RevCommit reverted = revisions.commit(walk, revision);
            if (!walk.isMergedInto(reverted, head)) {
                throw RollbackException.refused("commit " + Revisions.abbreviate(reverted) + " (" + revision
                    + ") is not on " + branch + "; only a commit of the deploy branch can be reverted");
            }
            RevCommit parent = walk.parseCommit(MainlineParent.choose(reverted, mainline, walk));
            ObjectId tree = mergeInMemory(head, reverted, parent);
            if (tree.equals(head.getTree())) {
                throw RollbackException.refused("reverting " + Revisions.abbreviate(reverted) + " (\""
                    + RevertMessage.subject(reverted.getFullMessage()) + "\") changes nothing on " + branch
                    + ": its changes are already undone, perhaps by an earlier revert");
            }
            String message = RevertMessage.of(reverted.getFullMessage(), reverted.name(),
                reverted.getParentCount() > 1 ? parent.name() : null);
            RevCommit created = walk.parseCommit(insertCommit(tree, head, message, ident));
            branches.move(head, created, "revert: " + RevertMessage.subject(message));
            return new RevertOutcome(created.name(), reverted.name(), RevertMessage.subject(reverted.getFullMessage()),
                mainline, RevertMessage.isRevert(reverted.getFullMessage()), head.name(), branch, message);
        } catch (IOException e) {
            throw revisions.unreadable("revert " + revision, e);
        }
    }

    /** The tree of HEAD with the reverted commit's changes undone; exit 3 listing paths on a conflict. */
    private ObjectId mergeInMemory(RevCommit head, RevCommit reverted, RevCommit parent) throws IOException {
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RESOLVE.newMerger(repository(), true);
        merger.setBase(reverted.getTree());
        if (merger.merge(head, parent)) {
            return merger.getResultTreeId();
        }
        List<String> paths = new ArrayList<>();
        if (merger.getUnmergedPaths() != null) {
            paths.addAll(merger.getUnmergedPaths());
        }
        Map<String, ResolveMerger.MergeFailureReason> failing = merger.getFailingPaths();
        if (failing != null) {
            failing.forEach((path, reason) -> paths.add(path + " (" + reason + ")"));
        }
        throw RollbackException.refused("reverting " + Revisions.abbreviate(reverted) + " conflicts with later "
            + "changes in: " + String.join(", ", paths) + "; nothing was changed. Revert it by hand, or roll back "
            + "another way (redeploy the previous release)");
    }

    private ObjectId insertCommit(ObjectId tree, RevCommit head, String message, PersonIdent ident) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentId(head);
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage(message);
        try (ObjectInserter inserter = repository().newObjectInserter()) {
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /**
     * The given author, else {@code user.name}/{@code user.email} of the checkout's git config. Like
     * git, no commit with a made-up identity (JGit would invent one from the login and host name).
     */
    private PersonIdent ident(GitAuthor author) {
        if (author != null) {
            return new PersonIdent(author.name(), author.email());
        }
        UserConfig user = repository().getConfig().get(UserConfig.KEY);
        if (user.isCommitterNameImplicit() || user.isCommitterEmailImplicit()) {
            throw RollbackException.refused("no author for the revert commit: configure one, or set user.name "
                + "and user.email in the git config of " + revisions.dir());
        }
        return new PersonIdent(user.getCommitterName(), user.getCommitterEmail());
    }

    private void requireNothingInProgress() {
        RepositoryState state = repository().getRepositoryState();
        if (state != RepositoryState.SAFE) {
            throw RollbackException.refused("the git checkout " + revisions.dir() + " is in the middle of "
                + state.getDescription().toLowerCase(Locale.ROOT)
                + "; finish or abort it (e.g. git revert --abort) first");
        }
    }

    private void requireClean() {
        List<String> dirty = uncommittedPaths.get();
        if (!dirty.isEmpty()) {
            throw RollbackException.refused("the git checkout " + revisions.dir() + " has uncommitted changes: "
                + String.join(", ", dirty.subList(0, Math.min(10, dirty.size())))
                + (dirty.size() > 10 ? " and " + (dirty.size() - 10) + " more" : "") + "; commit or stash them first");
        }
    }

    private Repository repository() {
        return revisions.repository();
    }
}
