package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {
    private final DockerErrors errors = new DockerErrors("unix:///run/test.sock");

    @Test
    void notFoundIsARefusalNamingTheSubject() {
        assertThatThrownBy(() -> errors.call("stop", "container web-1", () -> {
            throw new NotFoundException("Status 404: {\"message\":\"No such container: web-1\"}\n");
        })).isInstanceOfSatisfying(RollbackException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(e.getMessage()).isEqualTo("container web-1 not found on unix:///run/test.sock");
        });
    }

    @Test
    void aSocketErrorAnywhereInTheChainMeansTheDaemonIsUnreachable() {
        assertThatThrownBy(() -> errors.call("inspect", "container web-1", () -> {
            throw new RuntimeException(new SocketException("No such file or directory"));
        })).isInstanceOfSatisfying(RollbackException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(e.getMessage()).contains("unix:///run/test.sock", "No such file or directory",
                "dockerd", "DOCKER_HOST");
        });
    }

    @Test
    void otherDaemonErrorsFailWithTheDaemonsOwnMessageOnOneLine() {
        assertThatThrownBy(() -> errors.call("exec psql in", "container db", () -> {
            throw new ConflictException("Status 409: {\"message\":\"Container 4f2a is not running\"}\n");
        })).isInstanceOfSatisfying(RollbackException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(e.getMessage()).isEqualTo("cannot exec psql in container db: Container 4f2a is not running");
        });
    }

    @Test
    void rollbackExceptionsPassThroughUnchanged() {
        RollbackException original = RollbackException.refused("already translated");
        assertThatThrownBy(() -> errors.call("x", "y", () -> {
            throw original;
        })).isSameAs(original);
    }
}
