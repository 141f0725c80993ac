package dev.rollback.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Journal;
import dev.rollback.core.Plan;
import dev.rollback.history.DrillOutcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan}'s backup fact: the newest complete backup, passing over one whose latest drill failed. */
class BackupProbeTest {
    private static final String DUMP = "CREATE TABLE t (id int);\n-- PostgreSQL database dump complete\n";

    @TempDir
    Path dir;

    private static String drill(String backup, String status, String startedAt) {
        return "{\"command\":\"drill\",\"level\":3,\"status\":\"" + status + "\",\"dryRun\":false,\"startedAt\":\""
            + startedAt + "\",\"durationMs\":5,\"steps\":[],\"result\":{\"backup\":\"" + backup + "\"}}";
    }

    private String probe(Set<String> failedDrills) {
        FactSheet sheet = new FactSheet();
        BackupProbe probe = new BackupProbe(new DecisionPlan.BackupAccess(new BackupStore(dir, Clock.systemUTC()),
            new DumpInspector(null), () -> failedDrills), Clock.systemUTC(), sheet);
        new Executor(dir.resolve("state"), (c, d, a) -> true, Interruption.manual(), line -> { }, Clock.systemUTC())
            .run(Plan.builder("plan").readOnly().notJournaled().step(probe).build(), new Executor.Options(false, true));
        return sheet.backup.name();
    }

    @Test
    void aBackupWhoseLatestDrillFailedIsNotCountedOn() throws Exception {
        Files.writeString(dir.resolve("merq_20261201_020000.sql"), DUMP);
        Files.writeString(dir.resolve("merq_20261202_020000.sql"), DUMP);
        Files.createDirectories(dir.resolve("state"));
        Files.write(dir.resolve("state/journal.jsonl"), List.of(
            drill("merq_20261202_020000.sql", "succeeded", "2026-12-02T03:00:00Z"),
            drill("merq_20261202_020000.sql", "failed", "2026-12-03T03:00:00Z"),
            drill("merq_20261201_020000.sql", "failed", "2026-12-01T03:00:00Z"),
            drill("/srv/backups/merq_20261201_020000.sql", "succeeded", "2026-12-02T04:00:00Z")));

        Set<String> failed = DrillOutcomes.lastFailed(new Journal(dir.resolve("state")));

        assertThat(failed).as("only the latest drill of each backup counts, named by path or by name").containsExactly("merq_20261202_020000.sql");
        assertThat(probe(failed)).isEqualTo("merq_20261201_020000.sql");
        assertThat(probe(Set.of())).isEqualTo("merq_20261202_020000.sql");
    }

    @Test
    void noJournalHoldsNothingAgainstAnyBackup() {
        assertThat(DrillOutcomes.lastFailed(new Journal(dir.resolve("missing")))).isEmpty();
    }
}
