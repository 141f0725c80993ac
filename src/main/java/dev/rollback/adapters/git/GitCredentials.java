package dev.rollback.adapters.git;

import dev.rollback.core.RollbackException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials for the git remote, taken from the environment as CI systems provide them:
 * {@code GIT_USERNAME} + {@code GIT_PASSWORD}, or a token in {@code GIT_TOKEN} or
 * {@code GITHUB_TOKEN} sent as the password of user {@code x-access-token} (GitHub's convention
 * for app and Actions tokens; {@code GIT_USERNAME} overrides it, e.g. {@code oauth2} for GitLab).
 *
 * <p>SSH needs nothing here: keys in {@code ~/.ssh} are used by the SSH transport. The secret
 * leaves this class only towards JGit's HTTPS transport; messages name the variable it came from
 * ({@link #source()}), {@link #toString()} never shows it, and {@link #redact} masks it in text
 * that passed through JGit.
 */
public final class GitCredentials {
    /** The user GitHub expects with an installation or Actions token. */
    public static final String TOKEN_USER = "x-access-token";

    private static final GitCredentials NONE = new GitCredentials(null, null, null);
    /** {@code http(s)://user:secret@}: over HTTP(S) the user part may be a token too, so all of it goes. */
    private static final Pattern HTTP_USERINFO = Pattern.compile("(?i)(https?://)[^/\\s@]+@");
    /** {@code ssh://git:secret@}: the user ("git") helps reading the message; a password does not. */
    private static final Pattern PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+):[^/\\s@]+@");

    private final String username;
    private final String password;
    private final String source;

    private GitCredentials(String username, String password, String source) {
        this.username = username;
        this.password = password;
        this.source = source;
    }

    public static GitCredentials none() {
        return NONE;
    }

    public static GitCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Exit 2 when {@code GIT_PASSWORD} is set without {@code GIT_USERNAME}: a half-set pair is a mistake. */
    public static GitCredentials fromEnvironment(Map<String, String> env) {
        Optional<String> user = value(env, "GIT_USERNAME");
        Optional<String> password = value(env, "GIT_PASSWORD");
        if (password.isPresent()) {
            if (user.isEmpty()) {
                throw RollbackException.usage("$GIT_PASSWORD is set but $GIT_USERNAME is not: set both, "
                    + "or put a token in $GIT_TOKEN");
            }
            return new GitCredentials(user.get(), password.get(), "$GIT_USERNAME/$GIT_PASSWORD");
        }
        for (String variable : new String[] {"GIT_TOKEN", "GITHUB_TOKEN"}) {
            Optional<String> token = value(env, variable);
            if (token.isPresent()) {
                return new GitCredentials(user.orElse(TOKEN_USER), token.get(), "$" + variable);
            }
        }
        return NONE;
    }

    public boolean present() {
        return password != null;
    }

    /** Where the credentials came from, for messages: {@code $GIT_TOKEN}, or a hint when there are none. */
    public String source() {
        return present() ? source : "no HTTPS credentials (set $GIT_TOKEN, or $GIT_USERNAME and $GIT_PASSWORD)";
    }

    /** Masks the secret, the user info of HTTP(S) URLs and passwords in other URLs, in text that came through JGit. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = PASSWORD.matcher(HTTP_USERINFO.matcher(text).replaceAll("$1")).replaceAll("$1@");
        return present() ? redacted.replace(password, "***") : redacted;
    }

    Optional<CredentialsProvider> provider() {
        return present() ? Optional.of(new UsernamePasswordCredentialsProvider(username, password)) : Optional.empty();
    }

    @Override
    public String toString() {
        return present() ? "HTTPS credentials from " + source + " (user " + username + ")" : "no HTTPS credentials";
    }

    /** A value read from a file often ends in a newline; a blank value counts as unset. */
    private static Optional<String> value(Map<String, String> env, String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }
}
