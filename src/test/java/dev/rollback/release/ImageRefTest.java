package dev.rollback.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {
    @Test
    void splitsRepositoryAndTagEvenWithARegistryPort() {
        assertThat(ImageRef.parse("merq/backend:current")).isEqualTo(new ImageRef("merq/backend", "current", false));
        assertThat(ImageRef.parse("registry:5000/team/app")).isEqualTo(new ImageRef("registry:5000/team/app", "latest", false));
        assertThat(ImageRef.parse("registry:5000/team/app:v2").tag()).isEqualTo("v2");
        assertThat(ImageRef.parse("app@sha256:abc").digest()).isTrue();
    }

    @Test
    void protectiveTagKeepsTheRepository() {
        assertThat(ImageRef.parse("merq/backend:current").protectiveTag("20261121-101500"))
            .isEqualTo("merq/backend:rollback-20261121-101500");
    }
}
