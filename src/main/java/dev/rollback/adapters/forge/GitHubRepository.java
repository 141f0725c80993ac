package dev.rollback.adapters.forge;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository on GitHub (or GitHub Enterprise) as named by a git remote URL:
 * {@code https://github.com/owner/name.git}, {@code git@github.com:owner/name.git} or
 * {@code ssh://git@github.com/owner/name}. Gives the {@code owner/name} the REST API wants, and
 * the compare page where a pull request can be opened by hand when there is no token.
 */
public record GitHubRepository(String host, String owner, String name) {
    /** scp-like {@code user@host:owner/name}: no scheme, a colon before the path. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/\\s]+@)?([^:/\\s]+):/?([^/\\s]+)/([^/\\s]+?)(?:\\.git)?/?$");
    private static final Pattern OWNER_NAME = Pattern.compile("^/?([^/\\s]+)/([^/\\s]+?)(?:\\.git)?/?$");

    /** Empty when the URL does not have the {@code host/owner/name} shape (a local path, say). */
    public static Optional<GitHubRepository> fromRemoteUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String trimmed = url.strip();
        if (!trimmed.contains("://")) {
            Matcher scp = SCP_LIKE.matcher(trimmed);
            return scp.matches() ? Optional.of(new GitHubRepository(scp.group(1), scp.group(2), scp.group(3)))
                : Optional.empty();
        }
        try {
            URI uri = URI.create(trimmed);
            Matcher path = OWNER_NAME.matcher(uri.getPath() == null ? "" : uri.getPath());
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme())
                || "ssh".equals(uri.getScheme()) || "git".equals(uri.getScheme());
            if (!web || uri.getHost() == null || !path.matches()) {
                return Optional.empty();
            }
            return Optional.of(new GitHubRepository(uri.getHost(), path.group(1), path.group(2)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code owner/name}. */
    public String fullName() {
        return owner + "/" + name;
    }

    /** {@code https://github.com/owner/name/compare/main...revert-abc1234?expand=1}: the "open a pull request" page. */
    public String compareUrl(String base, String head) {
        return "https://" + host + "/" + fullName() + "/compare/" + branch(base) + "..." + branch(head) + "?expand=1";
    }

    /** The REST API of this host: api.github.com, or {@code /api/v3} on GitHub Enterprise Server. */
    public URI apiBase() {
        return URI.create("github.com".equalsIgnoreCase(host) ? GitHubPullRequests.DEFAULT_API
            : "https://" + host + "/api/v3");
    }

    /** Branch names keep their slashes; anything a URL would misread is escaped. */
    private static String branch(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
    }

    @Override
    public String toString() {
        return host + "/" + fullName();
    }
}
