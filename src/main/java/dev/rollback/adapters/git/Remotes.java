package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;

/** Fetch and push against a named remote of the checkout ({@code remote.<name>.url}). */
final class Remotes {
    /** {@code remote.<name>.pushurl}: JGit has no constant for it. */
    private static final String PUSH_URL = "pushurl";
    private static final String RECEIVE_PACK = "receivepack";

    private final Revisions revisions;
    private final GitTransport transport;

    Remotes(Revisions revisions, GitTransport transport) {
        this.revisions = revisions;
        this.transport = transport;
    }

    /** Updates {@code refs/remotes/<remote>/*}. Exit 3 for an unknown remote, exit 4 when it cannot be reached. */
    void fetch(String remote) {
        String url = url(remote, ConfigConstants.CONFIG_KEY_URL);
        try {
            transport.configure(Git.wrap(repository()).fetch().setRemote(remote)).call();
        } catch (GitAPIException | JGitInternalException e) {
            // InvalidRemoteException (nothing at that URL) and TransportException (no connection,
            // refused credentials) are GitAPIExceptions: all mean the remote cannot be used.
            throw transport.unreachable("fetch from " + remote + " at", url, e);
        }
    }

    /** The remote's fetch URL, credentials masked; empty when no such remote is configured. */
    Optional<String> url(String remote) {
        String url = repository().getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, remote,
            ConfigConstants.CONFIG_KEY_URL);
        return Optional.ofNullable(url).map(transport.credentials()::redact);
    }

    /** The remote-tracking ref as of the last fetch; empty when the remote has no such branch. */
    Optional<String> branchHead(String remote, String branch) {
        url(remote, ConfigConstants.CONFIG_KEY_URL);
        try {
            Ref ref = repository().exactRef(Constants.R_REMOTES + remote + "/" + branch);
            return Optional.ofNullable(ref).map(Ref::getObjectId).map(ObjectId::name);
        } catch (IOException e) {
            throw revisions.unreadable("read the remote-tracking branch " + remote + "/" + branch, e);
        }
    }

    /**
     * Pushes {@code localRef} to {@code refs/heads/<remoteBranch>}, never forced. JGit does not
     * throw for a rejected update, so every status is looked at by {@link PushResults}.
     */
    PushOutcome push(String remote, String localRef, String remoteBranch) {
        String url = pushUrl(remote);
        String commit = revisions.commitId(localRef).name();
        if (!Repository.isValidRefName(Constants.R_HEADS + remoteBranch)) {
            throw RollbackException.usage("'" + remoteBranch + "' is not a valid git branch name");
        }
        RefSpec spec = new RefSpec(commit + ":" + Constants.R_HEADS + remoteBranch);
        Iterable<PushResult> results;
        try {
            PushCommand push = Git.wrap(repository()).push().setRemote(remote).setRefSpecs(spec);
            // PushCommand overrides remote.<name>.receivepack with its own default; git honours it.
            String receivePack = repository().getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, remote,
                RECEIVE_PACK);
            if (receivePack != null && !receivePack.isBlank()) {
                push.setReceivePack(receivePack);
            }
            results = transport.configure(push).call();
        } catch (GitAPIException | JGitInternalException e) {
            // As for fetch; a refused ref update is not an exception but a status in the results.
            throw transport.unreachable("push to " + remote + " at", url, e);
        }
        return new PushResults(remote, url, transport.credentials()).outcome(results, remoteBranch, commit);
    }

    /** The remote's URL (or push URL) with any credentials in it masked; exit 3 when the remote is not configured. */
    private String url(String remote, String key) {
        if (remote == null || remote.isBlank()) {
            throw RollbackException.usage("no git remote given");
        }
        String url = repository().getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, remote, key);
        if (url == null && ConfigConstants.CONFIG_KEY_URL.equals(key)) {
            throw RollbackException.refused("the git checkout " + revisions.dir() + " has no remote '" + remote
                + "' (it has: " + String.join(", ", repository().getRemoteNames()) + "); add it with git remote add");
        }
        return url == null ? null : transport.credentials().redact(url);
    }

    private String pushUrl(String remote) {
        String fetchUrl = url(remote, ConfigConstants.CONFIG_KEY_URL);
        String pushUrl = url(remote, PUSH_URL);
        return pushUrl != null ? pushUrl : fetchUrl;
    }

    private Repository repository() {
        return revisions.repository();
    }
}
