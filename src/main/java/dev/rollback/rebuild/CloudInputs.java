package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Step;
import dev.rollback.gate.HealthGate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Level 4 on DigitalOcean.
 *
 * @param image      {@code latest} (the newest snapshot or backup of the droplet) or an image id
 * @param newServer  create a droplet from the image instead of rebuilding the old one in place
 * @param region     region of a new droplet, or null for the old droplet's
 * @param size       size slug of a new droplet, or null for the old droplet's
 * @param domain     the domain of the A records, or null when none are configured
 * @param records    record names relative to the domain ({@code api}, {@code @})
 * @param skipDns    print the DNS change instead of making it
 * @param checkUrls  the configured HTTP checks' URLs, as configured
 * @param checksAt   the same checks aimed at a server's IP with their original Host header
 */
public record CloudInputs(Step incident, String stack, DigitalOcean api, long dropletId, String image,
                          boolean newServer, String region, String size, List<String> sshKeys,
                          String domain, List<String> records, int dnsTtl, boolean skipDns,
                          Duration actionTimeout, Duration pollInterval,
                          List<String> checkUrls, Function<String, List<HealthCheck>> checksAt, HealthGate gate,
                          Clock clock, BooleanSupplier cancelled) {
    public static final String LATEST = "latest";

    public CloudInputs {
        sshKeys = List.copyOf(sshKeys);
        records = List.copyOf(records);
        checkUrls = List.copyOf(checkUrls);
    }

    Poller poller() {
        return new Poller(pollInterval, actionTimeout, cancelled);
    }

    /** {@code api.example.com}, or the domain itself for {@code @}. */
    String fqdn(String record) {
        return record.equals("@") ? domain : record + "." + domain;
    }
}
