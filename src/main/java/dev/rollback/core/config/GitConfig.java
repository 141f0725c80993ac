package dev.rollback.core.config;

/** {@code git:} the deploy repository: remote name, deploy branch, and a URL to clone from. */
public record GitConfig(String remote, String branch, String url) {
    public GitConfig {
        remote = remote != null ? remote : "origin";
        branch = branch != null ? branch : "main";
    }
}
