package dev.rollback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.FileModes;
import dev.rollback.core.Json;
import dev.rollback.core.PrivateFiles;
import dev.rollback.core.Report;
import dev.rollback.core.RollbackException;
import dev.rollback.pitr.ArchiveLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseBackupPlanTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T11:22:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeReplication server = new FakeReplication();

    private Report backup(ArchiveLayout layout) {
        return Runs.run(dir.resolve("state"), ArchivePlan.baseBackup(() -> server, "merq", layout, CLOCK,
            () -> "postgres:15"));
    }

    @Test
    void theBaseBackupLandsUnderItsUtcNameWithBaseJsonOwnerOnly() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(PrivateFiles.createDirectories(dir.resolve("backups")));

        Report report = backup(layout);

        assertThat(report.exitCode()).as(String.valueOf(report.error())).isZero();
        Path base = layout.baseBackup("20261203T112200Z");
        assertThat(base.resolve("base.tar.gz")).exists();
        JsonNode json = Json.MAPPER.readTree(base.resolve("base.json").toFile());
        assertThat(json.has("dir")).as("the reader takes dir from where it found the file").isFalse();
        assertThat(json.path("name").asText()).isEqualTo("20261203T112200Z");
        assertThat(json.path("start").asText()).isEqualTo("0/2000028");
        assertThat(json.path("end").asText()).isEqualTo("0/2000138");
        assertThat(json.path("timeline").asInt()).isEqualTo(1);
        assertThat(json.path("serverVersion").asInt()).isEqualTo(150018);
        assertThat(json.path("image").asText()).isEqualTo("postgres:15");
        assertThat(report.result()).containsEntry("baseBackup", "20261203T112200Z").containsEntry("start", "0/2000028")
            .containsEntry("end", "0/2000138").containsKey("sizeBytes").containsKey("durationMs");
        assertThat(FileModes.openToOthers(layout.baseBackups())).isEmpty();
    }

    @Test
    void aFailedBaseBackupLeavesNoDirectoryBehind() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(PrivateFiles.createDirectories(dir.resolve("backups")));
        server.baseBackupFailure = RollbackException.failed("pg_basebackup failed: could not connect");

        Report report = backup(layout);

        assertThat(report.exitCode()).isEqualTo(1);
        try (Stream<Path> left = Files.list(layout.baseBackups())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aServerNotSetUpIsRefusedWithWhatToChangeAndNothingIsWritten() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(PrivateFiles.createDirectories(dir.resolve("backups")));
        server.readiness = new dev.rollback.adapters.postgres.ReplicationReadiness("minimal", 10, 10, false, "merq",
            null, null);

        Report report = backup(layout);

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("merq is not set up for WAL archiving; nothing was changed.")
            .contains("(1) wal_level is minimal: set wal_level = replica")
            .contains("; (2) role merq may not replicate: run ALTER ROLE \"merq\" REPLICATION;");
        assertThat(layout.baseBackups()).doesNotExist();
    }
}
