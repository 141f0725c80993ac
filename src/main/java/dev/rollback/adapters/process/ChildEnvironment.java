package dev.rollback.adapters.process;

import dev.rollback.core.config.SecretVariables;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment a child process starts with, built here and nowhere else: the tool's own
 * environment without the tool's secrets ({@link SecretVariables}), then the variables its
 * {@link ProcessSpec} adds ({@code PGPASSWORD} for a pg tool, and nothing else carries a secret),
 * then the secrets the spec passes on by name because the child needs them (the variables a
 * stack's compose files interpolate, such as {@code ${DB_PASSWORD}}, without which the stack
 * would not start).
 */
public final class ChildEnvironment {
    private final Map<String, String> parent;
    private final Set<String> secrets;

    /**
     * @param parent  the tool's own environment ({@code System.getenv()}; a map in tests)
     * @param secrets the names of the variables that hold the tool's secrets
     */
    public ChildEnvironment(Map<String, String> parent, Set<String> secrets) {
        this.parent = Map.copyOf(parent);
        this.secrets = Set.copyOf(secrets);
    }

    /** The JVM's environment without the secrets the config names. */
    public static ChildEnvironment inherited(Set<String> secrets) {
        return new ChildEnvironment(System.getenv(), secrets);
    }

    /** The JVM's environment without the secrets' default names: for runners built without a config. */
    public static ChildEnvironment withoutDefaultSecrets() {
        return inherited(SecretVariables.DEFAULTS);
    }

    /** What {@code spec}'s process gets, in full: nothing else is inherited. */
    Map<String, String> of(ProcessSpec spec) {
        Map<String, String> env = new HashMap<>(parent);
        env.keySet().removeAll(secrets);
        for (String name : spec.passedSecrets()) {
            if (parent.containsKey(name)) {
                env.put(name, parent.get(name));
            }
        }
        env.putAll(spec.environment());
        return env;
    }

    @Override
    public String toString() {
        return "the tool's environment without " + secrets.size() + " secret variables";
    }
}
