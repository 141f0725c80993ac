package dev.rollback.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    @TempDir
    Path stateDir;

    static Release release(String id, String backendImage, String webImage) {
        return new Release(id, Instant.parse("2026-11-21T10:00:00Z"), "ops@host", "compose", "abc123", null, false,
            Map.of("backend", new ServiceImage("merq/backend:current", backendImage, "merq/backend:rollback-" + id),
                "web", new ServiceImage("merq/web:current", webImage, "merq/web:rollback-" + id)), null);
    }

    @Test
    void recordsAndPrunesAreFoldedInOrder() throws Exception {
        Ledger ledger = new Ledger(stateDir);
        ledger.record(release("20261120-100000", "sha256:a1", "sha256:b1"));
        ledger.record(release("20261121-100000", "sha256:a2", "sha256:b2"));
        ledger.record(release("20261122-100000", "sha256:a3", "sha256:b3"));
        ledger.prune("20261120-100000");

        assertThat(ledger.releases()).extracting(Release::id).containsExactly("20261121-100000", "20261122-100000");
        assertThat(ledger.releases().get(0).services().get("backend").imageId()).isEqualTo("sha256:a2");
        assertThat(Files.readAllLines(ledger.file())).hasSize(4);
    }

    @Test
    void findsByIdUniquePrefixOrLatestAndListsWhatExistsOtherwise() throws Exception {
        Ledger ledger = new Ledger(stateDir);
        ledger.record(release("20261120-100000", "sha256:a1", "sha256:b1"));
        ledger.record(release("20261121-100000", "sha256:a2", "sha256:b2"));

        assertThat(ledger.find("20261121").id()).isEqualTo("20261121-100000");
        assertThat(ledger.find("latest").id()).isEqualTo("20261121-100000");
        assertThatThrownBy(() -> ledger.find("2026112")).isInstanceOf(RollbackException.class)
            .hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> ledger.find("nope")).hasMessageContaining("no release nope")
            .hasMessageContaining("20261120-100000, 20261121-100000");
    }

    @Test
    void aTornLineDoesNotLoseEarlierReleases() throws Exception {
        Ledger ledger = new Ledger(stateDir);
        ledger.record(release("20261120-100000", "sha256:a1", "sha256:b1"));
        Files.writeString(ledger.file(), "{\"event\":\"recorded\",\"release\":{\"id\":\"2026", StandardOpenOption.APPEND);
        ledger.record(release("20261121-100000", "sha256:a2", "sha256:b2"));

        assertThat(ledger.releases()).extracting(Release::id).containsExactly("20261120-100000", "20261121-100000");
    }

    @Test
    void theLedgerAndANewStateDirAreOwnerOnlyUnderUmask022() throws Exception {
        dev.rollback.core.FileModes.assumeUmaskLetsOthersRead(stateDir);
        Path fresh = stateDir.resolve("new/state");

        new Ledger(fresh).record(release("20261120-100000", "sha256:a1", "sha256:b1"));

        assertThat(dev.rollback.core.FileModes.mode(fresh.resolve("releases.jsonl"))).isEqualTo("rw-------");
        dev.rollback.core.FileModes.assertOwnerOnly(stateDir.resolve("new"));
    }
}
