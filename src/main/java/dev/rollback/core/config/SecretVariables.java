package dev.rollback.core.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variables that hold this tool's secrets: the database password, the Dokploy
 * API key, the DigitalOcean token, the forge token and the git credentials, under their default
 * names and under the names {@code rollback.yml} gives them. Child processes do not get them
 * (adapters.process.ChildEnvironment) unless they need one.
 */
public final class SecretVariables {
    /** The defaults, withheld whatever the config says: a variable of that name is a secret anyway. */
    public static final Set<String> DEFAULTS = Set.of("DB_PASSWORD", "PGPASSWORD", "DOKPLOY_API_KEY",
        DigitalOceanConfig.DEFAULT_TOKEN_ENV, "GITHUB_TOKEN", "GIT_TOKEN", "GIT_PASSWORD");

    private SecretVariables() {
    }

    /** {@link #DEFAULTS} plus the variables {@code config} names ({@code password-env}, {@code api-key-env}, {@code token-env}). */
    public static Set<String> of(Config config) {
        Set<String> names = new TreeSet<>(DEFAULTS);
        names.add(config.database().passwordEnvOrDefault());
        names.add(config.git().tokenEnv());
        if (config.dokploy() != null && config.dokploy().apiKeyEnv() != null && !config.dokploy().apiKeyEnv().isBlank()) {
            names.add(config.dokploy().apiKeyEnv().strip());
        }
        if (config.digitalocean() != null) {
            names.add(config.digitalocean().tokenEnv());
        }
        return Set.copyOf(names);
    }
}
