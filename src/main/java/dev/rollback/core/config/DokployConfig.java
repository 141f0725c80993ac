package dev.rollback.core.config;

/** {@code dokploy:} the Dokploy API; the key comes from the variable named by {@code api-key-env}. */
public record DokployConfig(String url, String apiKeyEnv, String applicationId, String composeId) {
}
