package dev.rollback.core.config;

import java.time.Duration;

/**
 * {@code dokploy:} the Dokploy API; the key comes from the variable named by {@code api-key-env}.
 * {@code deploy-timeout} bounds how long a redeploy is followed (default 15m).
 */
public record DokployConfig(String url, String apiKeyEnv, String applicationId, String composeId,
                            Duration deployTimeout) {
    public DokployConfig {
        deployTimeout = deployTimeout != null ? deployTimeout : Duration.ofMinutes(15);
    }
}
