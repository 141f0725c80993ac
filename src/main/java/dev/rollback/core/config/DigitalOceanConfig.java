package dev.rollback.core.config;

import java.util.List;

/** {@code digitalocean:} droplet, domain and A records; the token comes from {@code token-env}. */
public record DigitalOceanConfig(String tokenEnv, Long dropletId, String domain, List<String> records) {
}
