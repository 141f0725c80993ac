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

/** Level 4 on DigitalOcean: the droplet to restore, the A records to point at it, the checks between. */
public record CloudInputs(Step incident, String stack, DigitalOcean api, Server server, Dns dns, Checks checks,
                          Timing timing) {
    public static final String LATEST = "latest";

    /**
     * The droplet and what it is restored from.
     *
     * @param image  {@code latest} (the newest snapshot or backup of the droplet) or an image id
     * @param region region of a new droplet, or null for the old droplet's
     * @param size   size slug of a new droplet, or null for the old droplet's
     */
    public record Server(long dropletId, String image, Placement placement, String region, String size,
                         List<String> sshKeys) {
        public Server {
            sshKeys = List.copyOf(sshKeys);
        }

        boolean newDroplet() {
            return placement == Placement.NEW_DROPLET;
        }
    }

    /** Rebuild the old droplet in place, or create a new one from the image ({@code --new-server}). */
    public enum Placement { REBUILD_IN_PLACE, NEW_DROPLET }

    /**
     * The A records that follow the server.
     *
     * @param domain  the domain of the A records, or null when none are configured
     * @param records record names relative to the domain ({@code api}, {@code @})
     */
    public record Dns(String domain, List<String> records, int ttl, DnsUpdate update) {
        public Dns {
            records = List.copyOf(records);
        }

        boolean listOnly() {
            return update == DnsUpdate.LIST_ONLY;
        }

        /** {@code api.example.com}, or the domain itself for {@code @}. */
        String fqdn(String record) {
            return record.equals("@") ? domain : record + "." + domain;
        }
    }

    /** Make the DNS change, or print it for an operator to make ({@code --skip-dns}). */
    public enum DnsUpdate { MAKE, LIST_ONLY }

    /**
     * The HTTP checks the restored server must pass before DNS moves.
     *
     * @param urls the configured checks' URLs, as configured
     * @param at   the same checks aimed at a server's IP with their original Host header
     */
    public record Checks(List<String> urls, Function<String, List<HealthCheck>> at, HealthGate gate) {
        public Checks {
            urls = List.copyOf(urls);
        }
    }

    /** How long a droplet action may take, how often it is polled, and when to stop. */
    public record Timing(Duration actionTimeout, Duration pollInterval, Clock clock, BooleanSupplier cancelled) {
    }

    Poller poller() {
        return new Poller(timing.pollInterval(), timing.actionTimeout(), timing.cancelled());
    }
}
