package dev.rollback.adapters.dokploy;

import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.ApiErrors;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.ErrorAnswer;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;

/**
 * Where Dokploy's answers become exit codes: no answer at all is exit 4 (a dependency is
 * unreachable), and so is a refused key, since the operator's fix is the same kind (point the tool
 * at a working panel with a working key); a missing application, compose project or rollback is
 * exit 3; anything else Dokploy reports is exit 1 with its own message (tRPC errors carry a JSON
 * {@code message}). Messages name the key's variable, never the key.
 */
final class DokployErrors implements ApiErrors {
    /** "Dokploy at https://…", the start of every message. */
    private final String where;
    private final EnvSecret key;

    DokployErrors(DokployUrl url, EnvSecret key) {
        this.where = "Dokploy at " + url;
        this.key = key;
    }

    @Override
    public RollbackException status(ApiCall call, ErrorAnswer answer) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            // Dokploy also answers 401 to a valid key whose user cannot see this application or
            // compose project, so its own message is kept: it tells the two cases apart.
            return new RollbackException(ExitCode.UNREACHABLE, where + " rejected the API key from "
                + key.source() + " (" + call + ": " + answer.detail() + "); check that it holds a current key "
                + "with access to " + call.subject());
        }
        if (status == 404) {
            // Dokploy's own 404 is "Application not found" and the like; a bare 404 more likely
            // means dokploy.url is some other web server, hence the second hint.
            return RollbackException.refused(where + " has no " + call.subject() + " (" + call + ": "
                + answer.detail() + "); check the id, and that dokploy.url is the Dokploy panel itself");
        }
        if (answer.redirect()) {
            // Not followed: a redirect could carry x-api-key to another host, and the JDK client
            // turns a POST into a GET on 301/302, so the redeploy would silently not happen.
            return RollbackException.usage(where + " redirects " + call + " to "
                + (answer.location() == null ? "(no Location)" : answer.location())
                + "; set dokploy.url to the address the panel is really served on");
        }
        return RollbackException.failed(where + " failed " + call + " for " + call.subject() + ": " + answer.detail());
    }

    @Override
    public RollbackException unreachable(ApiCall call, String reason, IOException cause) {
        return RollbackException.unreachable(where + " is unreachable (" + reason + "); check dokploy.url "
            + "and that the panel is up", cause);
    }

    @Override
    public RollbackException malformed(ApiCall call, String problem) {
        return RollbackException.failed(where + " sent an unexpected answer to " + call + ": " + problem);
    }

    @Override
    public RollbackException interrupted(ApiCall call, InterruptedException cause) {
        return new RollbackException(ExitCode.INTERRUPTED, call + " to " + where + " was interrupted", cause);
    }
}
