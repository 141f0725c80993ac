package dev.rollback.adapters.git;

import java.util.List;
import java.util.Optional;

/**
 * A local git checkout (JGit). Errors throw {@code RollbackException}: exit 3 when something about
 * the checkout or the request is wrong (unknown revision, dirty tree, conflict, refused push),
 * exit 4 when the remote cannot be reached or will not let us in. Revisions are anything git
 * resolves: a branch, tag, full or short SHA, {@code HEAD~1}; returned SHAs are full.
 */
public interface GitRepository {
    /** Full SHA of HEAD. */
    String head();

    /** Full SHA a revision resolves to (branch, tag, short SHA, HEAD~1, ...); exit 3 if unknown. */
    String resolve(String revision);

    /** Paths with uncommitted changes (modified, added, removed, untracked, conflicting). */
    List<String> uncommittedPaths();

    default boolean isClean() {
        return uncommittedPaths().isEmpty();
    }

    /** A file's content at a revision, if the file exists there. */
    Optional<byte[]> readFile(String revision, String path);

    /** The first line of the commit message of a revision. */
    String subject(String revision);

    /** The checked-out branch's short name ({@code main}); exit 3 when HEAD is detached. */
    String currentBranch();

    /** The URL a remote fetches from (credentials masked), if the remote is configured. */
    Optional<String> remoteUrl(String remote);

    /** Updates the remote-tracking branches of {@code remote}; exit 3 if no such remote, exit 4 if unreachable. */
    void fetch(String remote);

    /** Full SHA of {@code refs/remotes/<remote>/<branch>} as of the last {@link #fetch}; empty if the remote lacks it. */
    Optional<String> remoteBranchHead(String remote, String branch);

    /** Whether {@code ancestor} is reachable from {@code descendant} (a commit is its own ancestor). */
    boolean isAncestor(String ancestor, String descendant);

    /** Moves the current branch, index and work tree forward to a descendant of HEAD; exit 3 if it is not one. */
    void fastForward(String to);

    /** Number of parents: 0 for a root commit, 2 or more for a merge. */
    int parentCount(String revision);

    /**
     * {@code git revert --no-edit [-m mainline] commit} on the current branch, with git's message.
     * All or nothing: exit 3 (and no change at all: work tree, index, HEAD, no REVERT_HEAD) when the
     * tree is dirty, the commit is not on the branch, a merge lacks a mainline, the revert conflicts
     * (the message lists the paths) or changes nothing (already reverted).
     *
     * @param mainline the parent to keep for a merge commit, as {@code git revert -m N}; null otherwise
     * @param author   author and committer of the revert; null for the checkout's user.name/user.email
     */
    RevertOutcome revert(String commit, Integer mainline, GitAuthor author);

    /** {@code git diff --stat from to}, ending with git's summary line. */
    String diffStat(String from, String to);

    /** Paths added, modified or deleted between two commits, sorted; a rename lists both paths. */
    List<String> changedPaths(String from, String to);

    /** Files changed between two commits with renames detected (a moved file is one change), sorted by path. */
    List<FileChange> changes(String from, String to);

    /** Moves the current branch, index and work tree to {@code commit}, discarding local changes to tracked files. */
    void resetHard(String commit);

    /**
     * Pushes {@code localRef} (any revision) to {@code refs/heads/<remoteBranch>} on {@code remote},
     * never forced. A non-fast-forward rejection (the remote moved) is returned as
     * {@link PushOutcome.Status#REJECTED}, not thrown, so the caller can fetch and retry; other
     * refusals (protected branch, hook) are exit 3, transport failures exit 4.
     */
    PushOutcome push(String remote, String localRef, String remoteBranch);

    /** Creates branch {@code name} at {@code at} without checking it out; exit 3 if it exists. */
    void createBranch(String name, String at);
}
