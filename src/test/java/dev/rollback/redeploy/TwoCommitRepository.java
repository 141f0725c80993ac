package dev.rollback.redeploy;

import dev.rollback.adapters.git.FileChange;
import dev.rollback.adapters.git.GitAuthor;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.git.PushOutcome;
import dev.rollback.adapters.git.RevertOutcome;
import dev.rollback.core.RollbackException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A checkout with two commits, {@code old} (the release level 1 goes back to) and {@code new}
 * (HEAD, what runs), {@code new} adding the given files: what the migration check reads.
 */
final class TwoCommitRepository implements GitRepository {
    static final String OLD = "a".repeat(40);
    static final String NEW = "b".repeat(40);
    private final Map<String, String> added;

    TwoCommitRepository(Map<String, String> added) {
        this.added = new TreeMap<>(added);
    }

    @Override
    public String head() {
        return NEW;
    }

    @Override
    public String resolve(String revision) {
        if (revision.equals(OLD) || revision.equals(NEW)) {
            return revision;
        }
        throw RollbackException.refused("unknown revision " + revision);
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        return ancestor.equals(descendant) || ancestor.equals(OLD);
    }

    @Override
    public List<FileChange> changes(String from, String to) {
        return added.keySet().stream().map(path -> new FileChange(null, path, 0)).toList();
    }

    @Override
    public Optional<byte[]> readFile(String revision, String path) {
        return revision.equals(NEW) && added.containsKey(path)
            ? Optional.of(added.get(path).getBytes(StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public List<String> changedPaths(String from, String to) {
        return List.copyOf(added.keySet());
    }

    @Override
    public List<String> uncommittedPaths() {
        return List.of();
    }

    @Override
    public String subject(String revision) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String currentBranch() {
        return "main";
    }

    @Override
    public Optional<String> remoteUrl(String remote) {
        return Optional.empty();
    }

    @Override
    public void fetch(String remote) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> remoteBranchHead(String remote, String branch) {
        return Optional.empty();
    }

    @Override
    public void fastForward(String to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int parentCount(String revision) {
        return revision.equals(OLD) ? 0 : 1;
    }

    @Override
    public RevertOutcome revert(String commit, Integer mainline, GitAuthor author) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String diffStat(String from, String to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resetHard(String commit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PushOutcome push(String remote, String localRef, String remoteBranch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createBranch(String name, String at) {
        throw new UnsupportedOperationException();
    }
}
