package dev.rollback.adapters.forge;

/** Opens pull requests on the forge that hosts the deploy repository. */
public interface PullRequests {
    /**
     * Opens a pull request of {@code head} into {@code base} and returns its web URL.
     *
     * @param repository {@code owner/name}
     * @param head       the branch with the changes (already pushed)
     * @param base       the branch to merge into (the deploy branch)
     */
    String open(String repository, String head, String base, String title, String body);
}
