package dev.rollback.core.config;

import java.time.Duration;

/**
 * {@code git:} the deploy repository.
 *
 * @param url            cloned into the state dir when the workdir holds no repository
 * @param authorName     author of revert commits (default: the repository's user.name, else "rollback")
 * @param authorEmail    author e-mail of revert commits
 * @param versionUrl     an HTTP endpoint answering the deployed commit, followed after a push until it
 *                       names the revert commit
 * @param forgeApi       GitHub REST API base for pull requests (default https://api.github.com)
 * @param tokenEnv       the variable holding the forge token (default GITHUB_TOKEN)
 * @param deployTimeout  how long to wait for the revert to be deployed (default 10m)
 */
public record GitConfig(String remote, String branch, String url, String authorName, String authorEmail,
                        String versionUrl, String forgeApi, String tokenEnv, Duration deployTimeout) {
    public GitConfig {
        remote = remote != null ? remote : "origin";
        branch = branch != null ? branch : "main";
        forgeApi = forgeApi != null ? forgeApi : "https://api.github.com";
        tokenEnv = tokenEnv != null ? tokenEnv : "GITHUB_TOKEN";
        deployTimeout = deployTimeout != null ? deployTimeout : Duration.ofMinutes(10);
        if (versionUrl != null && !versionUrl.startsWith("http://") && !versionUrl.startsWith("https://")) {
            throw new ConfigException("git.version-url must start with http:// or https://");
        }
    }
}
