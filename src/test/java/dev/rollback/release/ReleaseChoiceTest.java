package dev.rollback.release;

import static dev.rollback.release.LedgerTest.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.RunMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseChoiceTest {
    @TempDir
    Path stateDir;

    private Ledger ledger;

    @BeforeEach
    void twoReleases() throws Exception {
        ledger = new Ledger(stateDir);
        ledger.record(release("r1", "sha256:v1", "sha256:v1"));
        ledger.record(release("r2", "sha256:v2", "sha256:v2"));
    }

    private static Map<String, String> running(String image) {
        return Map.of("backend", image, "web", image);
    }

    @Test
    void anUnrecordedBrokenDeployGoesBackToTheNewestRelease() {
        assertThat(ReleaseChoice.choose(ledger, running("sha256:v3"), "previous").id()).isEqualTo("r2");
    }

    @Test
    void aRecordedButBadReleaseGoesBackToTheOneBefore() {
        assertThat(ReleaseChoice.choose(ledger, running("sha256:v2"), "previous").id()).isEqualTo("r1");
    }

    @Test
    void afterGoingBackPreviousDoesNotRollForward() {
        assertThatThrownBy(() -> ReleaseChoice.choose(ledger, running("sha256:v1"), "previous"))
            .hasMessageContaining("nothing to roll back to");
    }

    @Test
    void anExplicitReleaseIsTakenAsAsked() {
        assertThat(ReleaseChoice.choose(ledger, running("sha256:v1"), "r2").id()).isEqualTo("r2");
    }

    @Test
    void currentIsTheReleaseThatMatchesEveryService() {
        assertThat(ReleaseChoice.current(ledger.releases(), running("sha256:v2"))).map(Release::id).hasValue("r2");
        assertThat(ReleaseChoice.current(ledger.releases(), Map.of("backend", "sha256:v2", "web", "sha256:v1"))).isEmpty();
    }

    @Test
    void aReleaseOfNoImagesIsNeverWhatRuns() {
        Release empty = new Release("r0", java.time.Instant.parse("2026-11-21T09:00:00Z"), "ops@host", "swarm", null,
            null, true, Map.of(), null);
        assertThat(empty.matches(running("sha256:v1"))).isFalse();
        assertThat(ReleaseChoice.current(java.util.List.of(empty), running("sha256:v1"))).isEmpty();
    }

    @Test
    void anEmptyLedgerSaysHowToRecord() {
        Ledger empty = new Ledger(stateDir.resolve("other"));
        assertThatThrownBy(() -> ReleaseChoice.choose(empty, running("sha256:v1"), "previous"))
            .hasMessageContaining("is empty").hasMessageContaining("rollback release record");
    }

    @Test
    void aRunThatDidNotFinishIsFinishedByTheNextOneNotTakenOneReleaseFurther() {
        List<String> warnings = new ArrayList<>();
        // The killed run chose r2 while v3 ran, and switched: r2 runs now.
        ReleaseChoice.choose(ledger, running("sha256:v3"), "previous", memory(true, warnings));

        Release again = ReleaseChoice.choose(ledger, running("sha256:v2"), "previous", memory(true, warnings));

        assertThat(again.id()).isEqualTo("r2");
        assertThat(warnings).singleElement().asString().contains("going to release r2");
    }

    @Test
    void aReleaseRecordedSinceMakesTheUnfinishedChoiceStale() throws Exception {
        ReleaseChoice.choose(ledger, running("sha256:v3"), "previous", memory(true, new ArrayList<>()));
        ledger.record(release("r3", "sha256:v3", "sha256:v3"));

        assertThat(ReleaseChoice.choose(ledger, running("sha256:v4"), "previous", memory(true, new ArrayList<>())).id())
            .isEqualTo("r3");
    }

    @Test
    void anExplicitReleaseIsNeitherRecalledNorRemembered() {
        ReleaseChoice.choose(ledger, running("sha256:v3"), "previous", memory(true, new ArrayList<>()));

        assertThat(ReleaseChoice.choose(ledger, running("sha256:v2"), "r1", memory(true, new ArrayList<>())).id())
            .isEqualTo("r1");
        // still the unfinished run's r2, not r1 (previous from r2 running)
        assertThat(ReleaseChoice.choose(ledger, running("sha256:v2"), "previous", memory(true, new ArrayList<>())).id())
            .isEqualTo("r2");
    }

    private RunMemory memory(boolean writable, List<String> warnings) {
        return RunMemory.open(stateDir, "redeploy", writable, warnings::add);
    }
}
