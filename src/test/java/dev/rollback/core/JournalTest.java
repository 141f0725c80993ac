package dev.rollback.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path stateDir;

    private static Report report(String command) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        return new Report(command, 1, RunStatus.SUCCEEDED, false, now, now.plusSeconds(2), 2000, List.of(),
            Map.of("release", "r1"), null);
    }

    @Test
    void appendsOneCompleteLinePerRunWithWhoAndWhere() throws Exception {
        Journal journal = new Journal(stateDir);
        journal.append(report("redeploy"));
        journal.append(report("verify"));

        List<String> lines = Files.readAllLines(journal.file());
        assertThat(lines).hasSize(2);
        assertThat(journal.entries()).extracting(e -> e.path("command").asText()).containsExactly("redeploy", "verify");
        assertThat(journal.entries().get(0).path("host").asText()).isEqualTo(Identity.host());
        assertThat(journal.entries().get(0).path("startedAt").asText()).isEqualTo("2026-11-21T10:00:00Z");
    }

    @Test
    void aTornLastLineIsSkippedNotFatal() throws Exception {
        Journal journal = new Journal(stateDir);
        journal.append(report("redeploy"));
        Files.writeString(journal.file(), "{\"command\":\"db-res", StandardOpenOption.APPEND);

        assertThat(journal.entries()).hasSize(1);
        journal.append(report("verify"));
        assertThat(journal.entries()).extracting(e -> e.path("command").asText()).containsExactly("redeploy", "verify");
    }
}
