package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials for git remotes, taken from the environment as CI systems provide them, each
 * offered only where it belongs:
 * <ul>
 *   <li>{@code GIT_USERNAME} + {@code GIT_PASSWORD}, or a token in {@code GIT_TOKEN} (the password of
 *       user {@code x-access-token}, or of {@code GIT_USERNAME}, e.g. {@code oauth2} for GitLab): the
 *       deploy repository's own credentials, for the host of the remote URL the tool connects to,
 *       whatever that host is;</li>
 *   <li>the forge token ({@code GITHUB_TOKEN}, or the variable {@code git.token-env} names), as the
 *       password of {@code x-access-token}: only for the forge's git host ({@code github.com}, or the
 *       host of {@code git.forge-api}), never for another remote.</li>
 * </ul>
 * Over HTTPS only, and only to the host the connection was opened for: {@link GitTransport} refuses
 * a redirect to another host. SSH needs nothing here: keys in {@code ~/.ssh} are used by the SSH
 * transport. Messages name the variable a secret came from ({@link #source}), {@link #toString()}
 * never shows one, and {@link #redact} masks them in text that passed through JGit.
 */
public final class GitCredentials {
    /** The user GitHub expects with an installation or Actions token. */
    public static final String TOKEN_USER = "x-access-token";
    public static final String DEFAULT_FORGE_TOKEN = "GITHUB_TOKEN";
    public static final String DEFAULT_FORGE_HOST = "github.com";
    private static final String HINT = "set $GIT_TOKEN, or $GIT_USERNAME and $GIT_PASSWORD";

    /** {@code http(s)://user:secret@}: over HTTP(S) the user part may be a token too, so all of it goes. */
    private static final Pattern HTTP_USERINFO = Pattern.compile("(?i)(https?://)[^/\\s@]+@");
    /** {@code ssh://git:secret@}: the user ("git") helps reading the message; a password does not. */
    private static final Pattern PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+):[^/\\s@]+@");

    /** A user, a secret and where they came from. */
    private record Secret(String username, String password, String source) {
    }

    private final Secret remote;
    private final Secret forge;
    private final String forgeHost;

    private GitCredentials(Secret remote, Secret forge, String forgeHost) {
        this.remote = remote;
        this.forge = forge;
        this.forgeHost = forgeHost.toLowerCase(Locale.ROOT);
    }

    public static GitCredentials none() {
        return new GitCredentials(null, null, DEFAULT_FORGE_HOST);
    }

    public static GitCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** With the default forge: {@code GITHUB_TOKEN}, for github.com only. */
    public static GitCredentials fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, DEFAULT_FORGE_TOKEN, DEFAULT_FORGE_HOST);
    }

    /**
     * The credentials in {@code env}; the forge token is {@code env[forgeTokenVariable]}, offered to
     * {@code forgeHost} only. Exit 2 when {@code GIT_PASSWORD} is set without {@code GIT_USERNAME}:
     * a half-set pair is a mistake.
     */
    public static GitCredentials fromEnvironment(Map<String, String> env, String forgeTokenVariable, String forgeHost) {
        Optional<String> user = value(env, "GIT_USERNAME");
        Optional<String> password = value(env, "GIT_PASSWORD");
        Secret remote = null;
        if (password.isPresent()) {
            if (user.isEmpty()) {
                throw RollbackException.usage("$GIT_PASSWORD is set but $GIT_USERNAME is not: set both, "
                    + "or put a token in $GIT_TOKEN");
            }
            remote = new Secret(user.get(), password.get(), "$GIT_USERNAME/$GIT_PASSWORD");
        } else {
            remote = value(env, "GIT_TOKEN").map(token -> new Secret(user.orElse(TOKEN_USER), token, "$GIT_TOKEN"))
                .orElse(null);
        }
        String variable = forgeTokenVariable == null || forgeTokenVariable.isBlank() ? DEFAULT_FORGE_TOKEN
            : forgeTokenVariable.strip();
        Secret forge = value(env, variable).map(token -> new Secret(TOKEN_USER, token, "$" + variable)).orElse(null);
        return new GitCredentials(remote, forge, forgeHost == null || forgeHost.isBlank() ? DEFAULT_FORGE_HOST
            : forgeHost.strip());
    }

    public boolean present() {
        return remote != null || forge != null;
    }

    /**
     * The secret offered to {@code uri}: none over plain http; the remote's own credentials on any
     * host; else the forge token on the forge host only.
     */
    private Optional<Secret> secretFor(URIish uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return Optional.empty();
        }
        if (remote != null) {
            return Optional.of(remote);
        }
        return forge != null && forgeHost.equals(uri.getHost().toLowerCase(Locale.ROOT)) ? Optional.of(forge)
            : Optional.empty();
    }

    /** A provider that answers for {@code uri}'s host only (never for a host a redirect names). */
    Optional<CredentialsProvider> provider(URIish uri) {
        return secretFor(uri).map(secret -> new HostProvider(uri.getHost(), secret));
    }

    /** For messages about {@code uri}: what was sent there ({@code $GIT_TOKEN}), or what to set and why. */
    public String source(URIish uri) {
        Optional<Secret> secret = secretFor(uri);
        if (secret.isPresent()) {
            return secret.get().source();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return "no credentials (they are sent over HTTPS only)";
        }
        if (forge != null) {
            return "no HTTPS credentials for " + uri.getHost() + " (" + forge.source() + " is sent to "
                + forgeHost + " only, the forge of git.forge-api; " + HINT + ")";
        }
        return "no HTTPS credentials (" + HINT + ")";
    }

    /** Whether {@code uri} gets a secret: then messages say it was sent. */
    boolean sentTo(URIish uri) {
        return secretFor(uri).isPresent();
    }

    /** Masks the secrets, the user info of HTTP(S) URLs and passwords in other URLs, in text that came through JGit. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = PASSWORD.matcher(HTTP_USERINFO.matcher(text).replaceAll("$1")).replaceAll("$1@");
        for (Secret secret : new Secret[] {remote, forge}) {
            if (secret != null) {
                redacted = redacted.replace(secret.password(), "***");
            }
        }
        return redacted;
    }

    @Override
    public String toString() {
        if (!present()) {
            return "no HTTPS credentials";
        }
        StringBuilder text = new StringBuilder("HTTPS credentials:");
        if (remote != null) {
            text.append(" ").append(remote.source()).append(" (user ").append(remote.username()).append(") for the remote");
        }
        if (forge != null) {
            text.append(remote != null ? "," : "").append(" ").append(forge.source()).append(" for ").append(forgeHost);
        }
        return text.toString();
    }

    /** A blank value counts as unset; a value read from a file often ends in a newline. */
    private static Optional<String> value(Map<String, String> env, String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }

    /** Answers with the secret only when JGit asks for {@code host} over HTTPS. */
    private static final class HostProvider extends UsernamePasswordCredentialsProvider {
        private final String host;

        HostProvider(String host, Secret secret) {
            super(secret.username(), secret.password());
            this.host = host;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) {
            return uri != null && "https".equalsIgnoreCase(uri.getScheme()) && host.equalsIgnoreCase(uri.getHost())
                && super.get(uri, items);
        }
    }
}
