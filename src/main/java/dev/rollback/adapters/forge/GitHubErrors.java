package dev.rollback.adapters.forge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.adapters.http.HttpStall;
import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.StringJoiner;
import javax.net.ssl.SSLException;

/**
 * Where GitHub's answers become exit codes. A refused token (401/403, and 404, which GitHub also
 * answers when the token cannot see a private repository) and no answer at all are exit 4: the
 * forge cannot be used. A validation failure (422: the pull request exists, the branch is
 * missing) is exit 3, with GitHub's own words. Messages name the token's variable, never the token.
 */
final class GitHubErrors {
    private static final int MAX_DETAIL = 300;

    private final URI api;
    private final GitHubToken token;
    private final Duration requestTimeout;

    GitHubErrors(URI api, GitHubToken token, Duration requestTimeout) {
        this.api = api;
        this.token = token;
        this.requestTimeout = requestTimeout;
    }

    RollbackException status(String repository, String head, String base, int status, String body) {
        String detail = detail(status, body);
        if (status == 401 || status == 403 || status == 404) {
            return RollbackException.unreachable("GitHub at " + api + " refused the token in " + token.source()
                + " for " + repository + " (" + status + " " + detail + "); check that it is valid and may create "
                + "pull requests there (contents: read, pull requests: write)", null);
        }
        if (status == 422) {
            return RollbackException.refused("GitHub did not open the pull request " + head + " -> " + base + " on "
                + repository + ": " + detail);
        }
        if (status >= 300 && status < 400) {
            return RollbackException.usage("GitHub at " + api + " redirects (" + status + "); set the API URL to "
                + "where the API is really served");
        }
        if (status >= 500) {
            return RollbackException.unreachable("GitHub at " + api + " failed (" + status + " " + detail
                + "); try again later, or open the pull request by hand", null);
        }
        return RollbackException.refused("GitHub did not open the pull request on " + repository + " (" + status
            + " " + detail + ")");
    }

    RollbackException io(String repository, IOException error) {
        String reason;
        if (error instanceof HttpStall) {
            reason = oneLine(error.getMessage());
        } else if (error instanceof HttpConnectTimeoutException) {
            reason = "no connection within " + GitHubPullRequests.CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (error instanceof HttpTimeoutException) {
            reason = "no answer within " + requestTimeout.toSeconds() + " s";
        } else if (causedBy(error, UnresolvedAddressException.class) || causedBy(error, UnknownHostException.class)) {
            reason = "unknown host";
        } else if (causedBy(error, SSLException.class)) {
            reason = "TLS failed";
        } else if (error instanceof ConnectException) {
            reason = "connection refused";
        } else {
            reason = error.getMessage() == null ? error.getClass().getSimpleName() : oneLine(error.getMessage());
        }
        return RollbackException.unreachable("GitHub at " + api + " is unreachable (" + reason + ") to open a pull "
            + "request on " + repository + "; open it by hand from the compare page", null);
    }

    RollbackException malformed(String repository, String problem) {
        return RollbackException.failed("GitHub at " + api + " sent an unexpected answer for " + repository
            + " (" + problem + "); look for the pull request on GitHub");
    }

    /** GitHub's "message" plus each error's own message (or field and code): "Validation Failed: A pull request already exists …". */
    private String detail(int status, String body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body == null ? "" : body);
            StringJoiner parts = new StringJoiner("; ");
            for (JsonNode error : root.path("errors")) {
                if (error.path("message").isTextual()) {
                    parts.add(error.path("message").asText());
                } else if (error.isObject()) {
                    parts.add((error.path("field").asText("") + " " + error.path("code").asText("")).strip());
                }
            }
            String message = root.path("message").asText("");
            String text = parts.length() == 0 ? message : message.isBlank() ? parts.toString() : message + ": " + parts;
            if (!text.isBlank()) {
                return oneLine(text);
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

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
