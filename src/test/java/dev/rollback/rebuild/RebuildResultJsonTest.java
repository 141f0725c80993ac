package dev.rollback.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.digitalocean.DigitalOcean.DnsRecord;
import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import dev.rollback.core.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Level 4's result parts are records now; scripts read the same JSON keys in the same order as before. */
class RebuildResultJsonTest {
    @Test
    void aDnsChangeKeepsItsKeysNewIncluded() {
        DnsChange change = DnsChange.of("api.example.com", new DnsRecord(7, "A", "api", "1.2.3.4", 1800), "5.6.7.8", 60,
            "updated");

        assertThat(Json.line(change)).isEqualTo("{\"record\":\"api.example.com\",\"recordId\":7,\"old\":\"1.2.3.4\","
            + "\"new\":\"5.6.7.8\",\"oldTtl\":1800,\"ttl\":60,\"action\":\"updated\"}");
        assertThat(change.line()).isEqualTo("api.example.com A 1.2.3.4 -> 5.6.7.8 (TTL 60, updated)");
    }

    @Test
    void theRecoveryTimeKeepsItsKeys() {
        assertThat(Json.line(RecoveryTime.of(90_000, "~1 hour or more", 3_600_000)))
            .isEqualTo("{\"measuredMs\":90000,\"runbookEstimate\":\"~1 hour or more\",\"runbookEstimateMs\":3600000,"
                + "\"percentOfEstimate\":2.5,\"withinEstimate\":true}");
    }

    @Test
    void theChosenImageKeepsItsKeys() {
        Image image = new Image(42, "nightly", Image.Kind.SNAPSHOT, Instant.parse("2026-11-21T02:00:00Z"),
            List.of("fra1"), 25);

        assertThat(Json.line(ChosenImage.of(image))).isEqualTo("{\"id\":42,\"kind\":\"snapshot\",\"name\":\"nightly\","
            + "\"createdAt\":\"2026-11-21T02:00:00Z\",\"regions\":[\"fra1\"]}");
    }
}
