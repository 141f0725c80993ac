package dev.rollback.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes old dumps only, never a volume archive or config snapshot sharing the label. */
class RetentionTest {
    @TempDir
    Path dir;

    @Test
    void volumeArchivesAndConfigSnapshotsWithTheDumpsLabelAreKept() throws Exception {
        Files.writeString(dir.resolve("merq_20240101_020000.sql"), "x\n-- PostgreSQL database dump complete\n");
        TarFixture.volume().write(dir.resolve("merq_20240101_030000.tar.gz"));
        Files.createDirectory(dir.resolve("merq_20240101_040000.files"));
        RetentionStep retention = new RetentionStep(new BackupStore(dir, Clock.systemUTC()), new DumpInspector(null), "merq", 1);

        Report report = new Executor(dir.resolve(".state"), (c, d, a) -> true, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(Plan.builder("backup").step(retention).build(), new Executor.Options(false, true));

        assertThat(report.exitCode()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                .containsExactlyInAnyOrder("merq_20240101_030000.tar.gz", "merq_20240101_040000.files");
        }
    }
}
