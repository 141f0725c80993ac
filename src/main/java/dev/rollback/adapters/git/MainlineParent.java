package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.util.StringJoiner;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Which parent a revert goes back to, with git's rules for {@code -m N}. */
final class MainlineParent {
    private MainlineParent() {
    }

    /**
     * A single-parent commit goes back to its parent ({@code -m 1} is accepted for it, as git does
     * since 2.20); a merge needs a mainline, and N picks the side whose history is kept.
     */
    static RevCommit choose(RevCommit commit, Integer mainline, RevWalk walk) throws IOException {
        int parents = commit.getParentCount();
        String id = Revisions.abbreviate(commit);
        if (parents == 0) {
            throw RollbackException.refused("commit " + id + " is the first commit of the repository: reverting it "
                + "would delete every file; roll back to a release instead");
        }
        if (parents == 1) {
            if (mainline != null && mainline != 1) {
                throw RollbackException.refused("commit " + id + " is not a merge, so --mainline " + mainline
                    + " does not apply; leave --mainline out");
            }
            return commit.getParent(0);
        }
        if (mainline == null || mainline < 1 || mainline > parents) {
            throw RollbackException.refused("commit " + id + " is a merge of " + describeParents(commit, walk)
                + "; pass --mainline N with the parent whose side stays (usually --mainline 1, the branch merged into)"
                + (mainline == null ? "" : "; " + mainline + " is not one of them"));
        }
        return commit.getParent(mainline - 1);
    }

    /** "1: abc1234 \"Release 1.4\", 2: def5678 \"Add search\"". */
    private static String describeParents(RevCommit commit, RevWalk walk) throws IOException {
        StringJoiner parents = new StringJoiner(", ");
        for (int i = 0; i < commit.getParentCount(); i++) {
            RevCommit parent = walk.parseCommit(commit.getParent(i));
            parents.add((i + 1) + ": " + Revisions.abbreviate(parent) + " \""
                + RevertMessage.subject(parent.getFullMessage()) + "\"");
        }
        return parents.toString();
    }
}
