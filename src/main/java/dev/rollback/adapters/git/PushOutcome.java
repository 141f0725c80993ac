package dev.rollback.adapters.git;

/**
 * What the remote did with a pushed branch. Only a non-fast-forward rejection comes back as an
 * outcome (the remote moved: fetch, check again, retry); every other refusal is an exception.
 *
 * @param status       {@link Status#OK} (also when the remote already had the commit) or {@link Status#REJECTED}
 * @param remote       the remote's name
 * @param remoteBranch the branch on the remote
 * @param commit       the commit pushed
 * @param detail       JGit's status and the remote's own messages, for the report
 */
public record PushOutcome(Status status, String remote, String remoteBranch, String commit, String detail) {
    public enum Status {
        OK,
        /** Not a fast-forward: the remote branch has commits this checkout does not have. */
        REJECTED
    }

    public boolean pushed() {
        return status == Status.OK;
    }
}
