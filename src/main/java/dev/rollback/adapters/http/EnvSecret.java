package dev.rollback.adapters.http;

import dev.rollback.core.RollbackException;
import java.util.Map;
import java.util.Optional;

/**
 * A secret for an HTTP header (an API token), read from the environment variable the config
 * names. Messages name the variable ({@link #source()}); the value leaves only through
 * {@link #value()} for the header, {@link #toString()} never shows it, and {@link #mask} hides it
 * should a server or proxy echo it back.
 */
public final class EnvSecret {
    private final String variable;
    private final String noun;
    private final String value;

    private EnvSecret(String variable, String noun, String value) {
        this.variable = variable;
        this.noun = noun;
        this.value = value;
    }

    /** {@code configured} (a config key's value), or {@code fallback} when it is null or blank. */
    public static String variable(String configured, String fallback) {
        return configured == null || configured.isBlank() ? fallback : configured.strip();
    }

    /**
     * The secret in {@code env[variable]}, called {@code noun} ("API key", "token") in messages.
     * Unset or blank is a usage error (exit 2) ending with {@code hint} (what to put there).
     */
    public static EnvSecret require(String variable, Map<String, String> env, String noun, String hint) {
        return ifSet(variable, env, noun)
            .orElseThrow(() -> RollbackException.usage("$" + variable + " is not set: " + hint));
    }

    /**
     * The secret in {@code env[variable]}, or empty when it is unset or blank (the caller has a way
     * without it). Characters a header cannot carry are refused (exit 2): the JDK client would
     * quote the invalid value in its exception message. A value read from a file often ends in a
     * newline, so it is stripped first.
     */
    public static Optional<EnvSecret> ifSet(String variable, Map<String, String> env, String noun) {
        String raw = env.get(variable);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.strip();
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw RollbackException.usage("$" + variable + " holds characters an HTTP header cannot carry "
                + "(spaces or control characters): check that it holds just the " + noun);
        }
        return Optional.of(new EnvSecret(variable, noun, value));
    }

    /** {@code $DIGITALOCEAN_TOKEN}: where the secret came from, for messages. */
    public String source() {
        return "$" + variable;
    }

    /** For {@link Credential} only: the header is the one place the value goes. */
    String value() {
        return value;
    }

    /** Text from a server, with the secret replaced by {@code ***}. */
    String mask(String text) {
        return text == null ? "" : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return noun + " from " + source();
    }
}
