package dev.rollback.rebuild;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;

/**
 * One A record level 4 points at the restored server.
 *
 * @param record the full name ({@code api.example.com})
 * @param ip     the restored server's address ({@code new} in JSON)
 * @param action {@code updated}, {@code unchanged}, or {@code not changed (--skip-dns)}
 */
public record DnsChange(String record, long recordId, String old, @JsonProperty("new") String ip, int oldTtl, int ttl,
                        String action) {

    static DnsChange of(String record, DnsRecord old, String ip, int ttl, String action) {
        return new DnsChange(record, old.id(), old.data(), ip, old.ttl(), ttl, action);
    }

    /** "api.example.com A 1.2.3.4 -> 5.6.7.8 (TTL 60, updated)". */
    public String line() {
        return record + " A " + old + " -> " + ip + " (TTL " + ttl + ", " + action + ")";
    }
}
