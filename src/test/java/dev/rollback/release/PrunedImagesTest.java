package dev.rollback.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Plan;
import dev.rollback.core.Report;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import dev.rollback.images.RegistryFake;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release whose images were pruned comes back by its recorded digest, or is refused in the check. */
class PrunedImagesTest {
    private static final String DIGEST = "127.0.0.1:5000/merq/backend@sha256:feed";

    @TempDir
    Path dir;

    private final RegistryFake docker = new RegistryFake();

    private Ledger ledgerWith(String repoDigest) throws Exception {
        Ledger ledger = new Ledger(dir);
        ledger.record(new Release("r1", Instant.parse("2026-12-01T10:00:00Z"), "ci@host", "compose", null, null,
            false, Map.of("backend", new ServiceImage("127.0.0.1:5000/merq/backend:current", "sha256:old",
                "127.0.0.1:5000/merq/backend:rollback-r1", repoDigest)), null));
        return ledger;
    }

    /** The two halves as a step does it: check (read-only), then apply. */
    private Report run(Ledger ledger, boolean pull) {
        PrunedImages pruned = new PrunedImages(docker, new MissingImages(docker, pull));
        Step step = new Step() {
            private List<ServiceImage> toPull;

            public String id() {
                return "select-release";
            }

            public String description() {
                return "pull back";
            }

            public void check(StepContext context) {
                toPull = pruned.check(ledger, ledger.find("r1"), List.of("backend"));
            }

            public void apply(StepContext context) {
                pruned.pullBack(toPull, context);
            }
        };
        return new Executor(dir.resolve(".state"), (c, d, a) -> true, Interruption.manual(), line -> { }, Clock.systemUTC())
            .run(Plan.builder("redeploy").step(step).build(), new Executor.Options(false, true));
    }

    @Test
    void aPrunedImageIsPulledByItsDigestAndProtectedAgain() throws Exception {
        docker.remote(DIGEST, "sha256:old");

        Report report = run(ledgerWith(DIGEST), true);

        assertThat(report.exitCode()).isZero();
        assertThat(docker.pulls()).containsExactly(DIGEST);
        assertThat(docker.tags()).containsExactly("127.0.0.1:5000/merq/backend:rollback-r1 → sha256:old");
    }

    @Test
    void anImageThatIsHereIsNotPulled() throws Exception {
        docker.local("127.0.0.1:5000/merq/backend:rollback-r1", "sha256:old");

        assertThat(run(ledgerWith(DIGEST), true).exitCode()).isZero();
        assertThat(docker.pulls()).isEmpty();
    }

    @Test
    void withNoPullAPrunedImageIsRefusedBeforeAnyPull() throws Exception {
        docker.remote(DIGEST, "sha256:old");

        Report report = run(ledgerWith(DIGEST), false);

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains(DIGEST, "--no-pull", "nothing was changed");
        assertThat(docker.pulls()).isEmpty();
    }

    @Test
    void aPrunedImageWithoutARecordedDigestCannotComeBack() throws Exception {
        Report report = run(ledgerWith(null), true);

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("gone from this host", "no registry digest",
            "restorable releases: none");
        assertThat(docker.pulls()).isEmpty();
    }

    @Test
    void aRegistryThatServesAnotherImageUnderTheDigestFailsTheRun() throws Exception {
        docker.remote(DIGEST, "sha256:other");

        Report report = run(ledgerWith(DIGEST), true);

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("not the recorded old");
        assertThat(docker.tags()).isEmpty();
    }

    @Test
    void theDigestRecordedIsTheOneInTheReferencesRepository() {
        assertThat(ServiceImage.chooseDigest("127.0.0.1:5000/merq/backend:current",
            List.of("other/repo@sha256:1", "127.0.0.1:5000/merq/backend@sha256:2")))
            .isEqualTo("127.0.0.1:5000/merq/backend@sha256:2");
        assertThat(ServiceImage.chooseDigest("merq/backend:current", List.of("other/repo@sha256:1")))
            .isEqualTo("other/repo@sha256:1");
        assertThat(ServiceImage.chooseDigest("merq/backend:current", List.of())).isNull();
    }
}
