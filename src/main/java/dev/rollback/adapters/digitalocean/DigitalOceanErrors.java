package dev.rollback.adapters.digitalocean;

import dev.rollback.adapters.http.ApiBase;
import dev.rollback.adapters.http.ApiCall;
import dev.rollback.adapters.http.ApiErrors;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.ErrorAnswer;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.time.Instant;

/**
 * Where DigitalOcean's answers become exit codes. The API cannot be used (exit 4) when it refuses
 * the token, fails (5xx), rate-limits (429) or does not answer; what it does not know (404) is a
 * failed precondition (exit 3); any other refusal (422: the image is not in that region…) is exit 1
 * with DigitalOcean's own message ({@code {"id": "...", "message": "..."}}). Messages name the
 * token's variable, never the token.
 */
final class DigitalOceanErrors implements ApiErrors {
    private final String where;
    private final EnvSecret token;

    DigitalOceanErrors(ApiBase url, EnvSecret token) {
        this.where = "DigitalOcean API at " + url;
        this.token = token;
    }

    @Override
    public RollbackException status(ApiCall call, ErrorAnswer answer) {
        int status = answer.status();
        String detail = call + ": " + detail(answer);
        if (status == 401 || status == 403) {
            return RollbackException.unreachable("DigitalOcean rejected the token from " + token.source() + " ("
                + detail + "); check that it is a current token with read and write scope", null);
        }
        if (status == 404) {
            return RollbackException.refused(where + " has no " + call.subject() + " (" + detail
                + "); check digitalocean.droplet-id, the image id and digitalocean.domain");
        }
        if (status == 429) {
            return new RateLimited(where + " is rate-limiting this token (" + detail + ")", resetAt(answer));
        }
        if (status >= 500) {
            return RollbackException.unreachable(where + " failed (" + detail + "); see status.digitalocean.com"
                + " and run again", null);
        }
        if (answer.redirect()) {
            // Not followed: a redirect could carry the token to another host.
            return RollbackException.usage(where + " redirects " + call + " (HTTP " + status
                + "); set digitalocean.api-url to the API's real address");
        }
        return RollbackException.failed(where + " refused " + call + " for " + call.subject() + ": " + detail(answer));
    }

    @Override
    public RollbackException unreachable(ApiCall call, String reason, IOException cause) {
        return RollbackException.unreachable(where + " is unreachable (" + call + ": " + reason
            + "); check the network and digitalocean.api-url", null);
    }

    @Override
    public RollbackException malformed(ApiCall call, String problem) {
        return RollbackException.failed(where + " sent an unexpected answer to " + call + ": " + problem);
    }

    @Override
    public RollbackException interrupted(ApiCall call, InterruptedException cause) {
        return new RollbackException(ExitCode.INTERRUPTED, call + " to DigitalOcean was interrupted");
    }

    /** {@code retry-after} (seconds from now) if sent, else {@code ratelimit-reset} (Unix seconds), else null. */
    private static Instant resetAt(ErrorAnswer answer) {
        try {
            if (answer.header("retry-after") != null) {
                return Instant.now().plusSeconds(Long.parseLong(answer.header("retry-after").trim()));
            }
            if (answer.header("ratelimit-reset") != null) {
                return Instant.ofEpochSecond(Long.parseLong(answer.header("ratelimit-reset").trim()));
            }
        } catch (NumberFormatException e) {
            return null; // an HTTP date or garbage: not waited for
        }
        return null;
    }

    /** {@code 422 Image is not available in region sgp1}, else {@code HTTP 422}. */
    private static String detail(ErrorAnswer answer) {
        return answer.message().isBlank() ? answer.detail() : answer.status() + " " + answer.message();
    }
}
