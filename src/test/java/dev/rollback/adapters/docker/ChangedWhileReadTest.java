package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedWhileReadTest {
    /** What busybox tar printed archiving a PostgreSQL 15 volume during checkpoints. */
    private static final List<String> BUSYBOX_WAL = List.of(
        "tar: data/pg_wal/00000001000000000000002B: No such file or directory",
        "tar: data/pg_wal/00000001000000000000003E: No such file or directory",
        "tar: error exit delayed from previous errors");

    @Test
    void busyboxOnRecycledWalSegmentsIsChurn() {
        assertThat(ChangedWhileRead.only(1, BUSYBOX_WAL, true))
            .contains(List.of("data/pg_wal/00000001000000000000002B", "data/pg_wal/00000001000000000000003E"));
    }

    @Test
    void gnuTarsRemovedAndChangedWarningsAreChurn() {
        List<String> gnu = List.of("tar: data/pg_wal/000000010000000000000004: File removed before we read it",
            "tar: data/base/5/2619: file changed as we read it",
            "tar: Exiting with failure status due to previous errors");

        assertThat(ChangedWhileRead.only(1, gnu, true))
            .contains(List.of("data/pg_wal/000000010000000000000004", "data/base/5/2619"));
    }

    @Test
    void anyOtherLineIsAFailure() {
        List<String> full = List.of("tar: data/pg_wal/00000001000000000000002B: No such file or directory",
            "tar: write error: No space left on device", "tar: error exit delayed from previous errors");

        assertThat(ChangedWhileRead.only(1, full, true)).isEmpty();
    }

    @Test
    void anotherExitCodeAnIncompleteStderrOrNoNamedFileIsAFailure() {
        assertThat(ChangedWhileRead.only(2, BUSYBOX_WAL, true)).isEmpty();
        assertThat(ChangedWhileRead.only(1, BUSYBOX_WAL, false)).isEmpty();
        assertThat(ChangedWhileRead.only(1, List.of("tar: error exit delayed from previous errors"), true)).isEmpty();
        assertThat(ChangedWhileRead.only(1, List.of(), true)).isEmpty();
    }

    @Test
    void aMissingPathOutsideTheVolumeIsAFailure() {
        assertThat(ChangedWhileRead.only(1, List.of("tar: /backup/x.tar.gz: No such file or directory"), true)).isEmpty();
    }

    @Test
    void tarsClosingLinesAreSummaries() {
        assertThat(ChangedWhileRead.isSummary("tar: error exit delayed from previous errors")).isTrue();
        assertThat(ChangedWhileRead.isSummary("tar: Exiting with failure status due to previous errors ")).isTrue();
        assertThat(ChangedWhileRead.isSummary("tar: write error: No space left on device")).isFalse();
    }
}
