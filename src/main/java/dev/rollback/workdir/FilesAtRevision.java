package dev.rollback.workdir;

import dev.rollback.adapters.git.GitRepository;
import dev.rollback.core.RollbackException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack files as a git revision has them, read from the object store (HEAD does not move,
 * as with {@code git checkout REV -- FILES}). The compose file must exist there; an env file
 * that is not committed (secrets usually are not) stays as it is in the workdir.
 */
public record FilesAtRevision(String revision, String commit, Map<String, Optional<byte[]>> files) {

    public static FilesAtRevision read(GitCheckout checkout, StackFiles stack, String revision) {
        GitRepository git = checkout.git();
        String commit = git.resolve(revision);
        Map<String, Optional<byte[]>> files = new LinkedHashMap<>();
        Optional<byte[]> compose = git.readFile(commit, checkout.path(stack.composeFile()));
        if (compose.isEmpty()) {
            throw RollbackException.refused(stack.composeFile() + " does not exist at " + revision + " ("
                + commit.substring(0, 12) + "); nothing to start from there");
        }
        files.put(stack.composeFile(), compose);
        if (stack.envFile() != null) {
            git.readFile(commit, checkout.path(stack.envFile())).ifPresent(env -> files.put(stack.envFile(), Optional.of(env)));
        }
        return new FilesAtRevision(revision, commit, files);
    }

    /** The files whose content at the revision differs from the workdir's. */
    public java.util.List<String> differingFrom(StackFiles stack) {
        return files.entrySet().stream()
            .filter(e -> !sameBytes(stack.current(e.getKey()), e.getValue()))
            .map(Map.Entry::getKey).toList();
    }

    private static boolean sameBytes(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    public String shortCommit() {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
