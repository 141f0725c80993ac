package dev.rollback.core.config;

/** {@code proxy:} the reverse proxy in front of the stack (Caddy). */
public record ProxyConfig(String kind, String container, String caddyfile, String admin) {
}
