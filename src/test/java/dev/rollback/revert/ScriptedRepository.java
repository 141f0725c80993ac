package dev.rollback.revert;

import dev.rollback.adapters.git.FileChange;
import dev.rollback.adapters.git.GitAuthor;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.git.PushOutcome;
import dev.rollback.adapters.git.RevertOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory repository for the push step: the remote head moves when the test says so, pushes
 * answer from a script, and every call is logged. Methods the push step does not use fail loudly.
 */
final class ScriptedRepository implements GitRepository {
    final List<String> calls = new ArrayList<>();
    final Deque<PushOutcome.Status> pushes = new ArrayDeque<>();
    String remoteHead = "r1";
    String head = "r1";
    private int reverts;

    @Override
    public void fetch(String remote) {
        calls.add("fetch");
    }

    @Override
    public Optional<String> remoteBranchHead(String remote, String branch) {
        return Optional.of(remoteHead);
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        return true;
    }

    @Override
    public void fastForward(String to) {
        calls.add("fast-forward " + to);
        head = to;
    }

    @Override
    public RevertOutcome revert(String commit, Integer mainline, GitAuthor author) {
        String previous = head;
        head = "revert" + (++reverts);
        calls.add("revert " + commit + " on " + previous);
        return new RevertOutcome(head, commit, "bad", null, false, previous, "main", "Revert \"bad\"");
    }

    @Override
    public void resetHard(String commit) {
        calls.add("reset " + commit);
        head = commit;
    }

    @Override
    public PushOutcome push(String remote, String localRef, String remoteBranch) {
        PushOutcome.Status status = pushes.removeFirst();
        calls.add("push " + head + " " + status);
        return new PushOutcome(status, remote, remoteBranch, head, status == PushOutcome.Status.OK ? "ok" : "non-fast-forward");
    }

    @Override
    public String head() {
        return head;
    }

    @Override
    public String resolve(String revision) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> uncommittedPaths() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<byte[]> readFile(String revision, String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String subject(String revision) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String currentBranch() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> remoteUrl(String remote) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int parentCount(String revision) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String diffStat(String from, String to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> changedPaths(String from, String to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<FileChange> changes(String from, String to) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createBranch(String name, String at) {
        throw new UnsupportedOperationException();
    }
}
