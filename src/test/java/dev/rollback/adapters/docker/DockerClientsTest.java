package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerClientsTest {
    @Test
    void explicitHostWinsOverDockerHost() {
        assertThat(DockerClients.resolveHost("tcp://10.0.0.5:2375", Map.of("DOCKER_HOST", "unix:///other.sock")))
            .isEqualTo("tcp://10.0.0.5:2375");
    }

    @Test
    void dockerHostIsUsedWhenNoHostIsConfigured() {
        assertThat(DockerClients.resolveHost(null, Map.of("DOCKER_HOST", "unix:///other.sock")))
            .isEqualTo("unix:///other.sock");
        assertThat(DockerClients.resolveHost(" ", Map.of("DOCKER_HOST", "unix:///other.sock")))
            .isEqualTo("unix:///other.sock");
    }

    @Test
    void localSocketIsTheDefault() {
        assertThat(DockerClients.resolveHost(null, Map.of())).isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void aMalformedHostIsAUsageError() {
        assertThatThrownBy(() -> DockerClients.create("ftp://nowhere", EngineTimeouts.DEFAULTS))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                assertThat(e.getMessage()).contains("ftp://nowhere");
            });
    }

    @Test
    void removeTagRefusesReferencesThatWouldDeleteAnImage() {
        DockerEngine.requireTaggedReference("rollback-fixture/app:v1");
        DockerEngine.requireTaggedReference("localhost:5000/app:v1");
        for (String reference : new String[] {"sha256:63823c1672aa", "63823c1672aa", "localhost:5000/app",
            "app@sha256:63823c1672aa"}) {
            assertThatThrownBy(() -> DockerEngine.requireTaggedReference(reference))
                .as(reference)
                .isInstanceOfSatisfying(RollbackException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED));
        }
    }
}
