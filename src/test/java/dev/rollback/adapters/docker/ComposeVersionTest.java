package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeVersionTest {
    private static final List<String> V2 = List.of("docker", "compose");
    private static final List<String> V1 = List.of("docker-compose");

    @Test
    void parsesComposeV2() {
        ComposeVersion version = ComposeVersion.parse(V2, "Docker Compose version v2.24.5\n").orElseThrow();

        assertThat(version.version()).isEqualTo("2.24.5");
        assertThat(version.implementation()).isEqualTo("docker compose");
        assertThat(version.supportsPullNever()).isTrue();
    }

    @Test
    void parsesComposeV1AsDebianShipsIt() {
        String output = "docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3\n"
            + "CPython version: 3.11.2\nOpenSSL version: OpenSSL 3.0.19 27 Jan 2026\n";

        ComposeVersion version = ComposeVersion.parse(V1, output).orElseThrow();

        assertThat(version.version()).isEqualTo("1.29.2");
        assertThat(version.major()).isEqualTo(1);
        assertThat(version.supportsPullNever()).isFalse();
    }

    @Test
    void parsesSuffixedVersionsAndV2InstalledAsDockerCompose() {
        assertThat(ComposeVersion.parse(V1, "Docker Compose version 2.26.1-4\n").orElseThrow().version())
            .isEqualTo("2.26.1-4");
        assertThat(ComposeVersion.parse(V2, "Docker Compose version v2.23.0-desktop.1").orElseThrow().version())
            .isEqualTo("2.23.0-desktop.1");
    }

    @Test
    void pullNeverOnlyFromTheVersionWhereItWorks() {
        assertThat(v2("Docker Compose version v2.14.2").supportsPullNever()).isFalse();
        assertThat(v2("Docker Compose version v2.15.1").supportsPullNever()).isTrue();
    }

    private static ComposeVersion v2(String output) {
        return ComposeVersion.parse(V2, output).orElseThrow();
    }

    @Test
    void rejectsOutputThatIsNotAComposeVersion() {
        assertThat(ComposeVersion.parse(V2, "docker: unknown command: docker compose")).isEmpty();
        assertThat(ComposeVersion.parse(V2, "Usage:  docker [OPTIONS] COMMAND")).isEmpty();
    }
}
