package dev.rollback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.core.Json;
import dev.rollback.core.Report;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkStepTest {
    @TempDir
    Path dir;

    private final FakeReplication server = new FakeReplication();

    private Report mark(ReceiveWalStep.Pause pause) {
        ArchiveLayout layout = new ArchiveLayout(dir);
        return Runs.run(dir.resolve("state"), dev.rollback.core.Plan.builder("backup")
            .step(new MarkStep(() -> server, layout, "pre_deploy", pause, Duration.ofMillis(300))).build());
    }

    @Test
    void theMarkIsWrittenOnceTheArchiverHasReceivedWalUpToIt() throws Exception {
        server.slotExists = true;
        server.slot = new Replication.SlotState(true, "0/3000000", Duration.ofSeconds(1), "0/3000148");

        Report report = mark((duration, stop) -> server.slot =
            new Replication.SlotState(true, "0/3000148", Duration.ofSeconds(1), "0/3000148"));

        assertThat(report.exitCode()).as(String.valueOf(report.error())).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("marks.jsonl"));
        assertThat(lines).hasSize(1);
        Mark mark = Json.MAPPER.readValue(lines.get(0), Mark.class);
        assertThat(mark.label()).isEqualTo("pre_deploy");
        assertThat(mark.point().lsn().toString()).isEqualTo("0/3000148");
        assertThat(mark.point().at()).isEqualTo(server.now);
        assertThat(report.result()).containsEntry("kind", "mark").containsEntry("lsn", "0/3000148");
    }

    @Test
    void anArchiverThatNeverReachesTheMarkFailsTheBackupAndWritesNoMark() {
        server.slotExists = true;
        server.slot = new Replication.SlotState(true, "0/3000000", Duration.ofSeconds(1), "0/3000148");

        Report report = mark((duration, stop) -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("did not receive WAL up to 0/3000148");
        assertThat(dir.resolve("marks.jsonl")).doesNotExist();
    }
}
