package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStoreTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(
        LocalDateTime.of(2024, 1, 1, 2, 0, 0).atZone(ZoneId.systemDefault()).toInstant(), ZoneId.of("UTC"));

    @Test
    void namesBackupsLikeTheRunbookInLocalTime() {
        BackupStore store = new BackupStore(dir, clock);

        assertThat(store.newPath("merq", ".sql").getFileName().toString()).isEqualTo("merq_20240101_020000.sql");
        assertThat(store.newPath("pre_restore", ".dump").getFileName().toString())
            .isEqualTo("pre_restore_20240101_020000.dump");
    }

    @Test
    void aSecondBackupInTheSameSecondGetsTheNextFreeName() throws Exception {
        BackupStore store = new BackupStore(dir, clock);
        Files.writeString(store.newPath("merq", ".sql"), "x");

        assertThat(store.newPath("merq", ".sql").getFileName().toString()).isEqualTo("merq_20240101_020001.sql");
    }

    @Test
    void listsRecognisedBackupsNewestFirstAndIgnoresPartialsAndOtherFiles() throws Exception {
        Files.writeString(dir.resolve("merq_20240101_020000.sql"), "a");
        Files.writeString(dir.resolve("merq_20240102_020000.dump"), "bb");
        Files.writeString(dir.resolve("pre_restore_20240103_090000.sql.gz"), "c");
        Files.writeString(dir.resolve(".merq_20240104_020000.sql.partial"), "partial");
        Files.writeString(dir.resolve("notes.txt"), "n");

        BackupStore store = new BackupStore(dir, clock);

        assertThat(store.list()).extracting(BackupFile::name).containsExactly(
            "pre_restore_20240103_090000.sql.gz", "merq_20240102_020000.dump", "merq_20240101_020000.sql");
        assertThat(store.list("merq")).extracting(BackupFile::sizeBytes).containsExactly(2L, 1L);
        assertThat(store.list("merq").get(0).takenAt()).isEqualTo(LocalDateTime.of(2024, 1, 2, 2, 0));
    }

    @Test
    void missingDirectoryIsRefusedWithWhatToDo() {
        BackupStore store = new BackupStore(dir.resolve("absent"), clock);

        assertThatThrownBy(store::requireWritable).isInstanceOf(RollbackException.class)
            .hasMessageContaining("does not exist").hasMessageContaining("backups.dir")
            .extracting(e -> ((RollbackException) e).exitCode()).isEqualTo(ExitCode.REFUSED);
    }

    @Test
    void partialPathIsHiddenBesideTheFinalOne() {
        assertThat(BackupStore.partialPath(dir.resolve("merq_20240101_020000.sql")))
            .isEqualTo(dir.resolve(".merq_20240101_020000.sql.partial"));
    }

}
