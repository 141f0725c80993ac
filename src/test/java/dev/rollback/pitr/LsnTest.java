package dev.rollback.pitr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.Json;
import dev.rollback.core.RollbackException;
import dev.rollback.release.Release;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void readsAndPrintsPostgresForm() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.value()).isEqualTo(0x16_B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(Lsn.parse("0/0")).hasToString("0/0");
    }

    @Test
    void ordersByPositionNotByText() {
        assertThat(Lsn.parse("1/0").isAfter(Lsn.parse("0/FFFFFFFF"))).isTrue();
        assertThat(Lsn.parse("0/A").isAfter(Lsn.parse("0/9"))).isTrue();
        assertThat(Lsn.parse("0/1000").bytesAfter(Lsn.parse("0/800"))).isEqualTo(0x800);
        assertThat(Lsn.parse("FFFFFFFF/0").isAfter(Lsn.parse("1/0"))).isTrue();
    }

    @Test
    void refusesWhatIsNotAPosition() {
        for (String bad : new String[] {"", "16", "16/", "x/1", "123456789/0", "1/2/3", "1/2; drop"}) {
            assertThatThrownBy(() -> Lsn.parse(bad)).isInstanceOf(RollbackException.class)
                .hasMessageContaining("not a WAL position");
        }
    }

    @Test
    void aReleaseKeepsItsWalPointThroughTheLedgerJson() throws Exception {
        Release release = new Release("r1", Instant.parse("2026-12-03T10:00:00Z"), "ops@host", "compose", null, null,
            false, Map.of(), new WalPoint(Lsn.parse("0/3000148"), Instant.parse("2026-12-03T10:00:00.5Z")));
        String json = Json.line(release);
        assertThat(json).contains("\"wal\":{\"lsn\":\"0/3000148\",\"at\":\"2026-12-03T10:00:00.500Z\"}");
        assertThat(Json.MAPPER.readValue(json, Release.class)).isEqualTo(release);
        String older = json.replace(",\"wal\":{\"lsn\":\"0/3000148\",\"at\":\"2026-12-03T10:00:00.500Z\"}", "");
        assertThat(Json.MAPPER.readValue(older, Release.class).wal()).isNull();
    }
}
