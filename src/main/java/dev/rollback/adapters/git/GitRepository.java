package dev.rollback.adapters.git;

import java.util.List;
import java.util.Optional;

/** A local git checkout (JGit). Errors throw {@code RollbackException}. */
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
}
