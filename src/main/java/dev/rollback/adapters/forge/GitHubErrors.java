package dev.rollback.adapters.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.ApiErrors;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.ErrorAnswer;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.util.StringJoiner;

/**
 * Where GitHub's answers to opening one pull request become exit codes. A refused token (401/403,
 * and 404, which GitHub also answers when the token cannot see a private repository) and no answer
 * at all are exit 4: the forge cannot be used. A validation failure (422: the pull request exists,
 * the branch is missing) is exit 3, with GitHub's own words. Only 201 Created is success. Messages
 * name the token's variable, never the token.
 */
final class GitHubErrors implements ApiErrors {
    private final ApiBase api;
    private final EnvSecret token;
    private final String head;
    private final String base;

    /** For the pull request of {@code head} into {@code base}; the call's subject is the repository. */
    GitHubErrors(ApiBase api, EnvSecret token, String head, String base) {
        this.api = api;
        this.token = token;
        this.head = head;
        this.base = base;
    }

    @Override
    public boolean accepted(int status) {
        return status == 201;
    }

    /** GitHub's "message" plus each error's own message (or field and code): "Validation Failed: A pull request already exists …". */
    @Override
    public String message(JsonNode body) {
        StringJoiner parts = new StringJoiner("; ");
        for (JsonNode error : body.path("errors")) {
            if (error.path("message").isTextual()) {
                parts.add(error.path("message").asText());
            } else if (error.isObject()) {
                parts.add((error.path("field").asText("") + " " + error.path("code").asText("")).strip());
            }
        }
        String message = body.path("message").asText("");
        return parts.length() == 0 ? message : message.isBlank() ? parts.toString() : message + ": " + parts;
    }

    @Override
    public RollbackException status(ApiCall call, ErrorAnswer answer) {
        String repository = call.subject();
        int status = answer.status();
        String detail = status + " " + answer.detail();
        if (status == 401 || status == 403 || status == 404) {
            return RollbackException.unreachable("GitHub at " + api + " refused the token in " + token.source()
                + " for " + repository + " (" + detail + "); check that it is valid and may create "
                + "pull requests there (contents: read, pull requests: write)", null);
        }
        if (status == 422) {
            return RollbackException.refused("GitHub did not open the pull request " + head + " -> " + base + " on "
                + repository + ": " + answer.detail());
        }
        if (answer.redirect()) {
            return RollbackException.usage("GitHub at " + api + " redirects (" + status + "); set the API URL to "
                + "where the API is really served");
        }
        if (status >= 500) {
            return RollbackException.unreachable("GitHub at " + api + " failed (" + detail
                + "); try again later, or open the pull request by hand", null);
        }
        return RollbackException.refused("GitHub did not open the pull request on " + repository + " (" + detail + ")");
    }

    @Override
    public RollbackException unreachable(ApiCall call, String reason, IOException cause) {
        return RollbackException.unreachable("GitHub at " + api + " is unreachable (" + reason + ") to open a pull "
            + "request on " + call.subject() + "; open it by hand from the compare page", null);
    }

    @Override
    public RollbackException malformed(ApiCall call, String problem) {
        return RollbackException.failed("GitHub at " + api + " sent an unexpected answer for " + call.subject()
            + " (" + problem + "); look for the pull request on GitHub");
    }

    @Override
    public RollbackException interrupted(ApiCall call, InterruptedException cause) {
        return new RollbackException(ExitCode.INTERRUPTED, "opening the pull request on " + call.subject()
            + " was interrupted", cause);
    }
}
