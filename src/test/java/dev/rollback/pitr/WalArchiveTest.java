package dev.rollback.pitr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment names as PostgreSQL gives them, and the archive's coverage with its open {@code .partial}. */
class WalArchiveTest {
    @TempDir
    Path dir;

    private WalArchive archive() {
        return new WalArchive(dir, WalArchive.DEFAULT_SEGMENT_BYTES);
    }

    @Test
    void namesTheSegmentHoldingAPosition() {
        assertThat(archive().segmentOf(1, Lsn.parse("0/3000148"))).isEqualTo("000000010000000000000003");
        assertThat(archive().segmentOf(2, Lsn.parse("1/FF000000"))).isEqualTo("0000000200000001000000FF");
        assertThat(archive().segmentsBetween(1, Lsn.parse("0/FE000028"), Lsn.parse("1/1000000")))
            .containsExactly("0000000100000000000000FE", "0000000100000000000000FF", "000000010000000100000000",
                "000000010000000100000001");
    }

    @Test
    void theNewestSegmentMayBeTheOpenPartialButNoOtherGap() throws Exception {
        Files.createFile(dir.resolve("000000010000000000000002"));
        Files.createFile(dir.resolve("000000010000000000000003"));
        Files.createFile(dir.resolve("000000010000000000000004.partial"));

        WalArchive.Coverage covered = archive().cover(1, Lsn.parse("0/2000028"), Lsn.parse("0/4000100"));
        assertThat(covered.complete()).isTrue();
        assertThat(covered.partial()).isEqualTo("000000010000000000000004");

        Files.delete(dir.resolve("000000010000000000000003"));
        WalArchive.Coverage gap = archive().cover(1, Lsn.parse("0/2000028"), Lsn.parse("0/4000100"));
        assertThat(gap.missing()).containsExactly("000000010000000000000003");
        assertThat(archive().cover(1, Lsn.parse("0/2000028"), Lsn.parse("0/5000000")).missing())
            .as("a target past the open segment is not covered").contains("000000010000000000000005");
        assertThat(archive().newestSegmentStart(1)).contains(Lsn.parse("0/4000000"));
    }
}
