package dev.rollback.adapters.dokploy;

import dev.rollback.core.RollbackException;
import java.util.Map;

/**
 * A Dokploy API key and the environment variable it came from. Messages name the variable
 * ({@link #source()}); the value leaves this class only through {@link #value()}, for the
 * {@code x-api-key} header, and {@link #toString()} never shows it.
 */
final class ApiKey {
    static final String DEFAULT_VARIABLE = "DOKPLOY_API_KEY";

    private final String variable;
    private final String value;

    private ApiKey(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    /** The key in {@code env[variable]}; a missing, empty or unsendable value is a usage error. */
    static ApiKey fromEnv(String variable, Map<String, String> env) {
        String name = variable == null || variable.isBlank() ? DEFAULT_VARIABLE : variable.strip();
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            throw RollbackException.usage("$" + name + " is not set: export a Dokploy API key in it "
                + "(Dokploy: Settings > Profile > API/CLI), or name another variable in dokploy.api-key-env");
        }
        // A key read from a file often ends in a newline. Anything else outside visible ASCII
        // must be refused here: the JDK HTTP client quotes an invalid header value in its
        // exception message, which would put the key in our error output.
        String key = raw.strip();
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw RollbackException.usage("$" + name + " holds characters an HTTP header cannot carry "
                + "(spaces or control characters): check that it holds just the API key");
        }
        return new ApiKey(name, key);
    }

    /** {@code $DOKPLOY_API_KEY}: where the key came from, for messages. */
    String source() {
        return "$" + variable;
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "API key from " + source();
    }
}
