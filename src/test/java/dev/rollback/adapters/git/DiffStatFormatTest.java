package dev.rollback.adapters.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.git.DiffStatFormat.FileStat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout rules of git's show_stats; JGitDiffIT compares whole outputs with the git command line. */
class DiffStatFormatTest {
    @Test
    void namesArePaddedAndCountsAligned() {
        String stat = DiffStatFormat.format(List.of(
            FileStat.text("a.txt", "a.txt", 2, 1),
            FileStat.text("dir/longer-name.yml", "dir/longer-name.yml", 10, 0)));

        assertThat(stat).isEqualTo("""
             a.txt               |  3 ++-
             dir/longer-name.yml | 10 ++++++++++
             2 files changed, 12 insertions(+), 1 deletion(-)
            """);
    }

    @Test
    void aLargeChangeIsScaledToTheWidthWhileSmallOnesKeepAtLeastOneMark() {
        String stat = DiffStatFormat.format(List.of(
            FileStat.text("big.sql", "big.sql", 1000, 1000),
            FileStat.text("small.sql", "small.sql", 1, 1)));

        // git 2.39's output for the same counts (1000 lines replaced, 1 line replaced).
        assertThat(stat).isEqualTo(" big.sql   | 2000 " + "+".repeat(30) + "-".repeat(31) + "\n"
            + " small.sql |    2 +-\n"
            + " 2 files changed, 1001 insertions(+), 1001 deletions(-)\n");
    }

    @Test
    void renamesKeepTheCommonDirectoryOutsideBraces() {
        assertThat(DiffStatFormat.displayName("db/migrations/001_a.sql", "db/migrations/001_b.sql"))
            .isEqualTo("db/migrations/{001_a.sql => 001_b.sql}");
        assertThat(DiffStatFormat.displayName("a/x/file.txt", "b/x/file.txt")).isEqualTo("{a => b}/x/file.txt");
        assertThat(DiffStatFormat.displayName("old.txt", "new.txt")).isEqualTo("old.txt => new.txt");
        assertThat(DiffStatFormat.displayName("gone.txt", "/dev/null")).isEqualTo("gone.txt");
        assertThat(DiffStatFormat.displayName("/dev/null", "added.txt")).isEqualTo("added.txt");
    }

    @Test
    void binaryFilesShowTheirSizes() {
        assertThat(DiffStatFormat.format(List.of(FileStat.binary("logo.png", "logo.png", 120, 98))))
            .isEqualTo(" logo.png | Bin 120 -> 98 bytes\n 1 file changed, 0 insertions(+), 0 deletions(-)\n");
    }

    @Test
    void theSummaryLeavesOutAZeroCountUnlessBothAreZero() {
        assertThat(DiffStatFormat.summary(1, 1, 0)).isEqualTo(" 1 file changed, 1 insertion(+)");
        assertThat(DiffStatFormat.summary(2, 0, 3)).isEqualTo(" 2 files changed, 3 deletions(-)");
        assertThat(DiffStatFormat.summary(1, 0, 0)).isEqualTo(" 1 file changed, 0 insertions(+), 0 deletions(-)");
        assertThat(DiffStatFormat.format(List.of())).isEqualTo(" 0 files changed\n");
    }
}
