package dev.rollback.adapters.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevertMessageTest {
    private static final String SHA = "0edeecee6784b4f0fa48eb9b592bb6087dbc9d82";
    private static final String PARENT = "a0bd72d9737d220d5c2728e19ac00593a5af7a3f";

    @Test
    void aPlainRevertNamesTheSubjectAndTheCommit() {
        assertThat(RevertMessage.of("Release 1.5\n\nBody.\n", SHA, null))
            .isEqualTo("Revert \"Release 1.5\"\n\nThis reverts commit " + SHA + ".\n");
    }

    @Test
    void aMainlineRevertSaysWhichChangesItReverses() {
        // Byte for byte what git 2.39 wrote for `git revert -m 1` of a merge.
        assertThat(RevertMessage.of("Merge branch f\n", SHA, PARENT))
            .isEqualTo("Revert \"Merge branch f\"\n\nThis reverts commit " + SHA + ", reversing\n"
                + "changes made to " + PARENT + ".\n");
    }

    @Test
    void theSubjectIsTheFirstNonBlankLineOnly() {
        assertThat(RevertMessage.subject("line one\nline two\n\nbody")).isEqualTo("line one");
        assertThat(RevertMessage.subject("\n\n  \ntitle\n")).isEqualTo("title");
        assertThat(RevertMessage.subject("")).isEmpty();
    }

    @Test
    void revertsAreRecognisedBySubjectOrByTheirSecondParagraph() {
        assertThat(RevertMessage.isRevert(RevertMessage.of("Release 1.5\n", SHA, null))).isTrue();
        assertThat(RevertMessage.isRevert("Reapply \"Release 1.5\"\n\nThis reverts commit " + SHA + ".\n")).isTrue();
        assertThat(RevertMessage.isRevert("Undo the cache change\n\nThis reverts commit " + SHA + ".\n")).isTrue();
        assertThat(RevertMessage.isRevert("Revert the cache to LRU\n\nIt was faster.\n")).isFalse();
        assertThat(RevertMessage.isRevert("Release 1.5\n")).isFalse();
    }
}
