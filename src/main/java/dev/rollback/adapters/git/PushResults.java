package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Reads the per-ref statuses of a push: JGit reports rejections there rather than throwing.
 * Non-fast-forward is an outcome the caller handles (fetch, re-check, retry once); a refusal for
 * any other reason (protected branch, a hook) is exit 3; no report at all is exit 4.
 */
final class PushResults {
    private final String remote;
    private final String url;
    private final GitCredentials credentials;

    PushResults(String remote, String url, GitCredentials credentials) {
        this.remote = remote;
        this.url = url;
        this.credentials = credentials;
    }

    PushOutcome outcome(Iterable<PushResult> results, String remoteBranch, String commit) {
        String ref = Constants.R_HEADS + remoteBranch;
        String where = remote + "/" + remoteBranch + " (" + url + ")";
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(ref);
            if (update == null) {
                continue;
            }
            String detail = detail(update, result);
            switch (update.getStatus()) {
                case OK:
                    return new PushOutcome(PushOutcome.Status.OK, remote, remoteBranch, commit, detail);
                case UP_TO_DATE:
                    return new PushOutcome(PushOutcome.Status.OK, remote, remoteBranch, commit,
                        where + " already points at " + Revisions.abbreviate(update.getNewObjectId()));
                case REJECTED_NONFASTFORWARD:
                case REJECTED_REMOTE_CHANGED:
                    return new PushOutcome(PushOutcome.Status.REJECTED, remote, remoteBranch, commit,
                        where + " has moved since the last fetch: " + detail);
                case REJECTED_NODELETE:
                case REJECTED_OTHER_REASON:
                case NON_EXISTING:
                    throw RollbackException.refused("the remote refused the push to " + where + ": " + detail
                        + "; if the branch is protected, use --mode pr");
                case NOT_ATTEMPTED:
                case AWAITING_REPORT:
                default:
                    throw RollbackException.unreachable("the push to " + where + " got no answer for the branch: "
                        + detail, null);
            }
        }
        throw RollbackException.unreachable("the push to " + where + " got no report for " + ref, null);
    }

    /** "REJECTED_OTHER_REASON: pre-receive hook declined; remote: protected branch", masked. */
    private String detail(RemoteRefUpdate update, PushResult result) {
        StringBuilder detail = new StringBuilder(update.getStatus().name());
        if (update.getMessage() != null && !update.getMessage().isBlank()) {
            detail.append(": ").append(update.getMessage().strip());
        }
        String messages = result.getMessages();
        if (messages != null && !messages.isBlank()) {
            detail.append("; remote: ").append(messages.strip());
        }
        return credentials.redact(detail.toString().replaceAll("\\s+", " "));
    }
}
