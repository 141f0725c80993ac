package dev.rollback.core.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code digitalocean:} the droplet that runs the stack, its domain and A records, for level 4.
 * The token comes only from the variable named by {@code token-env}.
 *
 * @param apiUrl        the API's base address (tests point it at a local stub)
 * @param region        region of a new droplet ({@code --new-server}); default the old droplet's
 * @param size          size slug of a new droplet; default the old droplet's
 * @param sshKeys       SSH key ids or fingerprints a new droplet gets
 * @param dnsTtl        TTL of the A records level 4 writes (short, so a second change spreads fast)
 * @param actionTimeout how long a rebuild, restore or droplet creation is followed
 * @param pollInterval  pause between two polls of an action or a new droplet
 */
public record DigitalOceanConfig(String tokenEnv, Long dropletId, String domain, List<String> records,
                                 String apiUrl, String region, String size, List<String> sshKeys,
                                 Integer dnsTtl, Duration actionTimeout, Duration pollInterval) {
    public static final String DEFAULT_TOKEN_ENV = "DIGITALOCEAN_TOKEN";
    public static final String DEFAULT_API_URL = "https://api.digitalocean.com";

    public DigitalOceanConfig {
        tokenEnv = tokenEnv != null && !tokenEnv.isBlank() ? tokenEnv.strip() : DEFAULT_TOKEN_ENV;
        records = records != null ? List.copyOf(records) : List.of();
        apiUrl = apiUrl != null && !apiUrl.isBlank() ? apiUrl.strip() : DEFAULT_API_URL;
        sshKeys = sshKeys != null ? List.copyOf(sshKeys) : List.of();
        dnsTtl = dnsTtl != null ? dnsTtl : 60;
        actionTimeout = actionTimeout != null ? actionTimeout : Duration.ofMinutes(30);
        pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(5);
        if (dropletId != null && dropletId < 1) {
            throw new ConfigException("digitalocean.droplet-id must be a positive droplet id, got " + dropletId);
        }
        if (dnsTtl < 30) {
            throw new ConfigException("digitalocean.dns-ttl must be at least 30 (DigitalOcean's minimum), got " + dnsTtl);
        }
        if (pollInterval.isZero() || pollInterval.isNegative() || actionTimeout.compareTo(pollInterval) < 0) {
            throw new ConfigException("digitalocean.poll-interval must be more than 0 and at most action-timeout");
        }
        records.forEach(record -> Names.requireDnsLabel("digitalocean.records", record));
        if (domain != null) {
            Names.requireDnsLabel("digitalocean.domain", domain.equals("@") ? "" : domain);
        }
    }
}
