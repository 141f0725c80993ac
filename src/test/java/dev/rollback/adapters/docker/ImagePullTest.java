package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.core.RollbackException;
import org.junit.jupiter.api.Test;

/** What the daemon says when a pull fails, turned into the exit code the operator can act on. */
class ImagePullTest {

    @Test
    void anImageTheRegistryDoesNotHaveIsARefusal() {
        RollbackException e = ImagePull.failure("127.0.0.1:5000/nope/app:v1",
            "manifest for 127.0.0.1:5000/nope/app:v1 not found: manifest unknown: manifest unknown");
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("cannot pull 127.0.0.1:5000/nope/app:v1: its registry has no such image");
    }

    @Test
    void aRegistryThatCannotBeReachedIsADependencyFailure() {
        RollbackException e = ImagePull.failure("127.0.0.1:5999/app:v1",
            "Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused");
        assertThat(e.exitCode()).isEqualTo(4);
        assertThat(e.getMessage()).contains("127.0.0.1:5999/app:v1", "unreachable", "connection refused");
    }

    @Test
    void aRegistryThatRefusesAccessSaysToLogIn() {
        RollbackException e = ImagePull.failure("ghcr.io/acme/app:v1", "unauthorized: authentication required");
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e.getMessage()).contains("docker login");
    }

    @Test
    void referencesSplitIntoRepositoryAndTagOrDigest() {
        assertThat(ImagePull.Reference.parse("127.0.0.1:5000/team/app:v1"))
            .isEqualTo(new ImagePull.Reference("127.0.0.1:5000/team/app", "v1"));
        assertThat(ImagePull.Reference.parse("127.0.0.1:5000/team/app"))
            .isEqualTo(new ImagePull.Reference("127.0.0.1:5000/team/app", "latest"));
        assertThat(ImagePull.Reference.parse("127.0.0.1:5000/team/app@sha256:abc"))
            .isEqualTo(new ImagePull.Reference("127.0.0.1:5000/team/app", "sha256:abc"));
        assertThat(ImagePull.Reference.parse("team/app:v1@sha256:abc"))
            .isEqualTo(new ImagePull.Reference("team/app", "sha256:abc"));
    }
}
