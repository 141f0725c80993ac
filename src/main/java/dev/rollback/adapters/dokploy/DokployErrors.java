package dev.rollback.adapters.dokploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.IoFailure;
import dev.rollback.core.ExitCode;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.time.Duration;

/**
 * The boundary where HTTP failures become {@link RollbackException}s with the contract's exit codes:
 * no answer at all is exit 4 (a dependency is unreachable), and so is a refused key, since the
 * operator's fix is the same kind (point the tool at a working panel with a working key); a missing
 * application, compose project or rollback is exit 3; anything else Dokploy reports is exit 1 with
 * its own message. The key is never part of a message: they name the variable it came from.
 */
final class DokployErrors {
    static final int MAX_DETAIL = 200;

    /** "Dokploy at https://…", the start of every message. */
    private final String where;
    private final ApiKey key;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    DokployErrors(DokployUrl url, ApiKey key, Duration connectTimeout, Duration requestTimeout) {
        this.where = "Dokploy at " + url;
        this.key = key;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** A status outside 2xx; {@code location} is the redirect target, if any. */
    RollbackException status(ApiCall call, int status, String body, String location) {
        String detail = detail(status, body);
        if (status == 401 || status == 403) {
            // Dokploy also answers 401 to a valid key whose user cannot see this application or
            // compose project, so its own message is kept: it tells the two cases apart.
            return new RollbackException(ExitCode.UNREACHABLE, where + " rejected the API key from "
                + key.source() + " (" + call + ": " + detail + "); check that it holds a current key "
                + "with access to " + call.subject());
        }
        if (status == 404) {
            // Dokploy's own 404 is "Application not found" and the like; a bare 404 more likely
            // means dokploy.url is some other web server, hence the second hint.
            return RollbackException.refused(where + " has no " + call.subject() + " (" + call + ": "
                + detail + "); check the id, and that dokploy.url is the Dokploy panel itself");
        }
        if (status >= 300 && status < 400) {
            // Not followed: a redirect could carry x-api-key to another host, and the JDK client
            // turns a POST into a GET on 301/302, so the redeploy would silently not happen.
            return RollbackException.usage(where + " redirects " + call + " to "
                + (location == null ? "(no Location)" : oneLine(location))
                + "; set dokploy.url to the address the panel is really served on");
        }
        return RollbackException.failed(where + " failed " + call + " for " + call.subject() + ": " + detail);
    }

    /** The request never got an answer. */
    RollbackException io(ApiCall call, IOException error) {
        return unreachable(IoFailure.reason(error, connectTimeout, requestTimeout), error);
    }

    /** A 2xx answer whose body is not what the published API returns. */
    RollbackException malformed(ApiCall call, String problem) {
        return RollbackException.failed(where + " sent an unexpected answer to " + call + ": "
            + oneLine(problem));
    }

    private RollbackException unreachable(String reason, IOException cause) {
        return RollbackException.unreachable(where + " is unreachable (" + oneLine(reason) + "); check dokploy.url "
            + "and that the panel is up", cause);
    }

    /** Dokploy's JSON {@code message} (tRPC errors carry one), else the status code. */
    private String detail(int status, String body) {
        try {
            JsonNode message = Json.MAPPER.readTree(body == null ? "" : body).path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return oneLine(message.asText());
            }
        } catch (IOException notJson) {
            // An HTML error page from a proxy, say: the status says more than its markup.
        }
        return "HTTP " + status;
    }

    /**
     * Server text on one line, capped. The key is masked as well, in case a proxy echoes request
     * headers back in an error page.
     */
    private String oneLine(String text) {
        String line = text.replace(key.value(), "***").replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL - 1) + "…";
    }
}
