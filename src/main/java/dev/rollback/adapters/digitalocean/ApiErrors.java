package dev.rollback.adapters.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.EnvSecret;
import dev.rollback.adapters.http.IoFailure;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.time.Duration;

/**
 * Where DigitalOcean's answers become exit codes. The API cannot be used (exit 4) when it refuses
 * the token, fails (5xx), rate-limits (429) or does not answer; what it does not know (404) is a
 * failed precondition (exit 3); any other refusal (422: the image is not in that region…) is exit 1
 * with DigitalOcean's own message. The token is never part of a message, even if echoed back.
 */
final class ApiErrors {
    private static final int MAX_DETAIL = 200;

    private final String where;
    private final EnvSecret token;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    ApiErrors(ApiUrl url, EnvSecret token, Duration connectTimeout, Duration requestTimeout) {
        this.where = "DigitalOcean API at " + url;
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    RollbackException status(ApiCall call, int status, String body) {
        String detail = call + ": " + detail(status, body);
        if (status == 401 || status == 403) {
            return RollbackException.unreachable("DigitalOcean rejected the token from " + token.source() + " ("
                + detail + "); check that it is a current token with read and write scope", null);
        }
        if (status == 404) {
            return RollbackException.refused(where + " has no " + call.subject() + " (" + detail
                + "); check digitalocean.droplet-id, the image id and digitalocean.domain");
        }
        if (status == 429) {
            return RollbackException.unreachable(where + " is rate-limiting this token (" + detail
                + "); wait a minute and run again", null);
        }
        if (status >= 500) {
            return RollbackException.unreachable(where + " failed (" + detail + "); see status.digitalocean.com"
                + " and run again", null);
        }
        if (status >= 300 && status < 400) {
            // Not followed: a redirect could carry the token to another host.
            return RollbackException.usage(where + " redirects " + call + " (HTTP " + status
                + "); set digitalocean.api-url to the API's real address");
        }
        return RollbackException.failed(where + " refused " + call + " for " + call.subject() + ": "
            + detail(status, body));
    }

    RollbackException io(ApiCall call, IOException error) {
        return RollbackException.unreachable(where + " is unreachable (" + call + ": "
            + oneLine(IoFailure.reason(error, connectTimeout, requestTimeout)) + "); check the network and"
            + " digitalocean.api-url", null);
    }

    /** A 2xx answer that is not what the published API returns. */
    RollbackException malformed(ApiCall call, String problem) {
        return RollbackException.failed(where + " sent an unexpected answer to " + call + ": " + oneLine(problem));
    }

    /** DigitalOcean's {@code {"id": "...", "message": "..."}}, else the status. */
    private String detail(int status, String body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body == null ? "" : body);
            String message = root.path("message").asText("");
            if (!message.isBlank()) {
                return status + " " + oneLine(message);
            }
        } catch (IOException notJson) {
            // An HTML page from a proxy: the status says more than its markup.
        }
        return "HTTP " + status;
    }

    private String oneLine(String text) {
        String line = token.mask(text).replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 1) + "…";
    }
}
