package dev.rollback.adapters.forge;

import dev.rollback.core.RollbackException;
import java.util.Map;
import java.util.Optional;

/**
 * A GitHub token and the environment variable it came from. Messages name the variable
 * ({@link #source()}); the value leaves only through {@link #value()} for the Authorization header.
 */
final class GitHubToken {
    static final String DEFAULT_VARIABLE = "GITHUB_TOKEN";

    private final String variable;
    private final String value;

    private GitHubToken(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    /** The token in {@code env[variable]} ({@code GITHUB_TOKEN} when null); empty when unset or blank. */
    static Optional<GitHubToken> fromEnv(String variable, Map<String, String> env) {
        String name = variable == null || variable.isBlank() ? DEFAULT_VARIABLE : variable.strip();
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String token = raw.strip();
        // The JDK HTTP client quotes an invalid header value in its exception message: refuse such
        // a value here, before it could reach an error message.
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw RollbackException.usage("$" + name + " holds characters an HTTP header cannot carry "
                + "(spaces or control characters): check that it holds just the token");
        }
        return Optional.of(new GitHubToken(name, token));
    }

    String source() {
        return "$" + variable;
    }

    String value() {
        return value;
    }

    /** Text from GitHub or a proxy, with the token masked should it be echoed back. */
    String mask(String text) {
        return text == null ? "" : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "GitHub token from " + source();
    }
}
