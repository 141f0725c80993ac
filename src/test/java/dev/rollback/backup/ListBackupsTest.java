package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Json;
import dev.rollback.core.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backups} lists volume archives and config snapshots beside the dumps, each checked. */
class ListBackupsTest {
    private static final ObjectReader JSON_ROWS = Json.MAPPER.reader().with(DeserializationFeature.USE_LONG_FOR_INTS)
        .forType(new TypeReference<List<Map<String, Object>>>() { });
    @TempDir
    Path dir;

    private Map<String, Map<String, Object>> listing() throws IOException {
        Report report = new Executor(dir.resolve("state"), (c, d, a) -> true, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(ListBackupsPlan.build(new BackupStore(dir, Clock.systemUTC()), null),
            new Executor.Options(false, true));
        // The rows as the JSON report shows them: a key left out differs from a key that is null.
        List<Map<String, Object>> rows = JSON_ROWS.readValue(Json.line(report.result().get("backups")));
        return rows.stream().collect(Collectors.toMap(row -> (String) row.get("name"), row -> row));
    }

    @Test
    void volumeArchivesAreListedAsVolumeWithTheirEntries() throws Exception {
        TarFixture.volume().file("data/a", "abc").write(dir.resolve("merq_pgdata_20240101_020000.tar.gz"));

        Map<String, Object> row = listing().get("merq_pgdata_20240101_020000.tar.gz");

        assertThat(row).containsEntry("format", "volume").containsEntry("complete", true)
            .containsEntry("label", "merq_pgdata").containsEntry("entries", 2L).containsEntry("contentBytes", 3L);
    }

    @Test
    void truncatedVolumeArchiveIsListedAsIncompleteWithTheReason() throws Exception {
        byte[] whole = TarFixture.volume().file("data/a", new byte[10_000]).tarGz();
        Files.write(dir.resolve("vol_20240101_020000.tar.gz"), Arrays.copyOf(whole, whole.length / 2));

        Map<String, Object> row = listing().get("vol_20240101_020000.tar.gz");

        assertThat(row).containsEntry("format", "volume").containsEntry("complete", false);
        assertThat((String) row.get("problem")).contains("truncated");
    }

    @Test
    void configSnapshotsAreListedAsConfigAndCompleteOnlyWithTheirImageList() throws Exception {
        Path complete = Files.createDirectory(dir.resolve("merq-config_20240101_020000.files"));
        Files.writeString(complete.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(complete.resolve(BackupFormat.CONFIG_IMAGE_LIST), "web app:v1 sha256:1\n");
        Files.createDirectory(dir.resolve("merq-config_20240102_020000.files"));
        Files.createDirectory(dir.resolve(".merq-config_20240103_020000.files.partial"));

        Map<String, Map<String, Object>> rows = listing();

        assertThat(rows).containsOnlyKeys("merq-config_20240101_020000.files", "merq-config_20240102_020000.files");
        assertThat(rows.get("merq-config_20240101_020000.files")).containsEntry("format", "config")
            .containsEntry("complete", true);
        assertThat(rows.get("merq-config_20240102_020000.files")).containsEntry("format", "config")
            .containsEntry("complete", false);
    }

    @Test
    void dumpsAreStillJudgedAsDumpsBesideVolumes() throws Exception {
        Files.writeString(dir.resolve("merq_20240101_020000.sql"), "x\n-- PostgreSQL database dump complete\n");
        Files.write(dir.resolve("merq_20240101_020000.sql.gz"), TarFixture.gzip("plain sql\n".getBytes()));
        TarFixture.volume().write(dir.resolve("merq_pgdata_20240101_020000.tar.gz"));

        Map<String, Map<String, Object>> rows = listing();

        assertThat(rows.get("merq_20240101_020000.sql")).containsEntry("format", "plain").containsEntry("complete", true);
        assertThat(rows.get("merq_20240101_020000.sql.gz")).containsEntry("format", "plain-gzip");
        assertThat(rows.get("merq_pgdata_20240101_020000.tar.gz")).containsEntry("format", "volume")
            .doesNotContainKey("database");
    }

    /** Several stacks' dumps in one dir: each row says whose database it is, as latest chooses. */
    @Test
    void eachDumpNamesItsDatabaseFromItsLabelOrFromTheDumpItself() throws Exception {
        String complete = "x\n-- PostgreSQL database dump complete\n";
        Files.writeString(dir.resolve("merq_20240101_020000.sql"), complete);
        Files.writeString(dir.resolve("shop_20240102_020000.sql"), complete);
        Files.writeString(dir.resolve("pre_restore_20240103_020000.sql"), complete);
        Files.write(dir.resolve("nightly_20240104_020000.sql.gz"), TarFixture.gzip(("CREATE DATABASE shop WITH TEMPLATE = template0;\n"
            + "\\connect shop\n" + complete).getBytes()));

        Map<String, Map<String, Object>> rows = listing();

        assertThat(rows.get("merq_20240101_020000.sql")).containsEntry("database", "merq");
        assertThat(rows.get("shop_20240102_020000.sql")).containsEntry("database", "shop");
        assertThat(rows.get("pre_restore_20240103_020000.sql")).as("the same label for every stack")
            .containsEntry("database", null);
        assertThat(rows.get("nightly_20240104_020000.sql.gz")).as("a --create dump says so itself")
            .containsEntry("database", "shop").containsEntry("complete", true);
    }

    /** Each kind of backup has its own row record; the JSON keeps the keys, and their order, of the rows before. */
    @Test
    void eachKindOfRowKeepsItsKeysInOrder() throws Exception {
        Files.writeString(dir.resolve("pre_restore_20240103_020000.sql"), "x\n");
        TarFixture.volume().file("data/a", "abc").write(dir.resolve("merq_pgdata_20240101_020000.tar.gz"));
        Files.createDirectory(dir.resolve("merq-config_20240102_020000.files"));

        Map<String, Map<String, Object>> rows = listing();

        assertThat(rows.get("pre_restore_20240103_020000.sql").keySet()).containsExactly("name", "path", "label",
            "takenAt", "sizeBytes", "format", "database", "complete", "problem");
        assertThat(rows.get("merq_pgdata_20240101_020000.tar.gz").keySet()).containsExactly("name", "path", "label",
            "takenAt", "sizeBytes", "format", "complete", "entries", "contentBytes");
        assertThat(rows.get("merq-config_20240102_020000.files").keySet()).containsExactly("name", "path", "label",
            "takenAt", "sizeBytes", "format", "complete", "problem");
    }

    @Test
    void aVolumeArchiveIsNeverTakenForADatabaseDump() throws Exception {
        Path archive = TarFixture.volume().write(dir.resolve("merq_20240101_020000.tar.gz"));

        Inspection inspection = new DumpInspector(null).deep(archive);

        assertThat(inspection.complete()).isFalse();
        assertThat(inspection.problem()).contains("not a database dump");
    }
}
