package dev.rollback.adapters.http;

import dev.rollback.core.RollbackException;
import java.util.Map;

/**
 * A secret for an HTTP header (an API token), read from the environment variable the config
 * names. Messages name the variable ({@link #source()}); the value leaves only through
 * {@link #value()} for the header, {@link #toString()} never shows it, and {@link #mask} hides it
 * should a server or proxy echo it back.
 */
public final class EnvSecret {
    private final String variable;
    private final String value;

    private EnvSecret(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    /**
     * The secret in {@code env[variable]}. Unset or blank is a usage error (exit 2) ending with
     * {@code hint} (what to put there). Characters a header cannot carry are refused here: the JDK
     * client would quote the invalid value in its exception message.
     */
    public static EnvSecret require(String variable, Map<String, String> env, String hint) {
        String raw = env.get(variable);
        if (raw == null || raw.isBlank()) {
            throw RollbackException.usage("$" + variable + " is not set: " + hint);
        }
        String value = raw.strip();
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw RollbackException.usage("$" + variable + " holds characters an HTTP header cannot carry "
                + "(spaces or control characters): check that it holds just the token");
        }
        return new EnvSecret(variable, value);
    }

    /** {@code $DIGITALOCEAN_TOKEN}: where the secret came from, for messages. */
    public String source() {
        return "$" + variable;
    }

    public String value() {
        return value;
    }

    /** Text from a server, with the secret replaced by {@code ***}. */
    public String mask(String text) {
        return text == null ? "" : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "secret from " + source();
    }
}
