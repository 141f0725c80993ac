package dev.rollback.adapters.git;

/**
 * A revert commit made on the current branch.
 *
 * @param commit           the new revert commit
 * @param reverted         the commit it undoes
 * @param revertedSubject  the first line of the reverted commit's message
 * @param mainline         the parent number kept for a merge ({@code git revert -m N}), else null
 * @param revertOfRevert   the reverted commit was itself a revert, so this re-applies a change
 * @param previousHead     where the branch was before: {@code resetHard(previousHead)} drops the revert again
 * @param branch           the branch that now holds the revert commit
 * @param message          the full commit message, as git would have written it
 */
public record RevertOutcome(
    String commit,
    String reverted,
    String revertedSubject,
    Integer mainline,
    boolean revertOfRevert,
    String previousHead,
    String branch,
    String message) {
}
