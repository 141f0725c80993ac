package dev.rollback.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.RollbackException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which images a run lacks, and the refusal that --no-pull turns their absence into. */
class MissingImagesTest {
    private final RegistryFake docker = new RegistryFake().local("app:v1", "sha256:one");

    @Test
    void onlyImagesNotOnTheHostAreMissingOncePerReference() {
        assertThat(new MissingImages(docker, true).check(List.of("app:v1", "app:v2", "app:v2"), "images"))
            .containsExactly("app:v2");
    }

    @Test
    void withoutPullingAMissingImageIsRefusedNamingItAndTheWayOut() {
        assertThatThrownBy(() -> new MissingImages(docker, false).check(List.of("app:v1", "app:v2"), "the revision's image"))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
            .hasMessage("the revision's image app:v2 is not on this host and --no-pull is set; pull it (docker pull)"
                + " or run without --no-pull (nothing was changed)");
    }

    @Test
    void withoutPullingWhatIsHereIsFine() {
        assertThat(new MissingImages(docker, false).check(List.of("app:v1"), "images")).isEmpty();
    }
}
