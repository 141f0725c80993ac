package dev.rollback.revert;

import dev.rollback.adapters.git.GitAuthor;
import java.time.Duration;

/**
 * What the operator asked for.
 *
 * @param commit   the commit to revert (null: the head of the remote deploy branch)
 * @param mainline the parent to keep for a merge commit (git revert -m N), or null
 * @param pullRequest push a revert branch and open a pull request instead of pushing the branch
 * @param author   author of the revert commit, or null for the repository's configured user
 */
public record RevertRequest(String commit, Integer mainline, String remote, String branch, boolean pullRequest,
                            boolean waitForDeploy, GitAuthor author, Duration deployTimeout) {
}
