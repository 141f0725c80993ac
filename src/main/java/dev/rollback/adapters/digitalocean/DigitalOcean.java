package dev.rollback.adapters.digitalocean;

import java.time.Instant;
import java.util.List;

/**
 * DigitalOcean's API v2, as level 4 needs it: a droplet, its snapshots and backups, the rebuild and
 * restore actions, new droplets, and A records. The token travels only in the Authorization header.
 * A refused token (401/403), a server error (5xx), rate limiting (429) or no answer is exit 4; an
 * unknown droplet, image or domain is exit 3; anything else DigitalOcean refuses is exit 1 with its
 * own message. No message ever holds the token: they name the variable it came from.
 */
public interface DigitalOcean {
    /** "DigitalOcean API at https://api.digitalocean.com", for messages. */
    String describe();

    /** {@code GET /v2/droplets/{id}}. */
    Droplet droplet(long id);

    /** {@code GET /v2/droplets/{id}/snapshots}, every page. */
    List<Image> snapshots(long dropletId);

    /** {@code GET /v2/droplets/{id}/backups}, every page. */
    List<Image> backups(long dropletId);

    /** {@code POST /v2/droplets/{id}/actions {"type":"rebuild","image":…}}: the droplet keeps its IP. */
    Action rebuild(long dropletId, long imageId);

    /** {@code POST /v2/droplets/{id}/actions {"type":"restore","image":…}}: a backup of the same droplet. */
    Action restore(long dropletId, long imageId);

    /** {@code GET /v2/actions/{id}}. */
    Action action(long actionId);

    /** {@code POST /v2/droplets}: answers at once (status {@code new}, no address yet). */
    Droplet createDroplet(NewDroplet spec);

    /** {@code GET /v2/domains/{domain}/records?type=A&name={fqdn}}, every page. */
    List<DnsRecord> aRecords(String domain, String fqdn);

    /** {@code PUT /v2/domains/{domain}/records/{id} {"type":"A","data":ip,"ttl":ttl}}. */
    DnsRecord updateA(String domain, long recordId, String ip, int ttl);

    /** A droplet; {@code publicIpv4} is null until it has one. */
    record Droplet(long id, String name, String status, String region, String size, String publicIpv4) {
        public boolean active() {
            return "active".equals(status) && publicIpv4 != null;
        }
    }

    /** A snapshot or a backup of a droplet. */
    record Image(long id, String name, Kind kind, Instant createdAt, List<String> regions, Integer minDiskSize) {
        public Image {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        /** Snapshots are rebuilt from, backups restored (the droplet actions API says which). */
        public enum Kind {
            SNAPSHOT("snapshot", "rebuild"), BACKUP("backup", "restore");

            private final String noun;
            private final String action;

            Kind(String noun, String action) {
                this.noun = noun;
                this.action = action;
            }

            public String noun() {
                return noun;
            }

            /** The droplet action that puts this kind of image on the droplet. */
            public String action() {
                return action;
            }
        }
    }

    /** A droplet action; {@code status} is in-progress, completed or errored. */
    record Action(long id, String type, String status, Instant startedAt, Instant completedAt) {
        public boolean completed() {
            return "completed".equals(status);
        }

        public boolean errored() {
            return "errored".equals(status);
        }
    }

    /** An A (or other) record; {@code name} is relative to the domain ({@code @} for the domain itself). */
    record DnsRecord(long id, String type, String name, String data, int ttl) {
    }

    /** What a new droplet is made of. */
    record NewDroplet(String name, String region, String size, long image, List<String> sshKeys, List<String> tags) {
        public NewDroplet {
            sshKeys = List.copyOf(sshKeys);
            tags = List.copyOf(tags);
        }
    }
}
