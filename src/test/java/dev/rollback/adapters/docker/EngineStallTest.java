package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.adapters.http.Stalls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An Engine that answers {@code /_ping} and then stalls, on 127.0.0.1: every call after the ping
 * gives up within its bound as exit 4, one line naming the engine and the call, through docker-java
 * and through the raw Engine API alike.
 */
class EngineStallTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final EngineTimeouts SHORT = new EngineTimeouts(BOUND, BOUND, BOUND, BOUND);

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledListIsExit4NamingTheCall(Stall stall) throws Exception {
        try (StallingServer engine = StallingServer.answeringPing(stall);
             DockerEngine docker = DockerEngine.open("tcp://127.0.0.1:" + engine.port(), SHORT)) {
            docker.ping();
            String message = Stalls.unreachableWithin(BOUND, () -> docker.projectContainers("shop"));
            assertThat(message).isEqualTo("the Docker engine at tcp://127.0.0.1:" + engine.port()
                + " did not answer \"list containers of project shop\" within 1s (GET /containers/json "
                + (stall == Stall.SILENT ? "got no answer" : "stalled in the middle of its answer")
                + "); check that dockerd is healthy (docker info) and that DOCKER_HOST or docker.host points at it");
            assertThat(engine.stalledRequests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledRawApiCallIsExit4(Stall stall) throws Exception {
        try (StallingServer engine = StallingServer.answeringPing(stall);
             DockerEngine docker = DockerEngine.open("tcp://127.0.0.1:" + engine.port(), SHORT)) {
            String message = Stalls.unreachableWithin(BOUND, () -> docker.diagnostics().containerTable());
            assertThat(message).startsWith("the Docker engine at tcp://127.0.0.1:" + engine.port()
                + " did not answer \"list containers\" within 1s (GET /containers/json");
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aLogStreamThatNeverEndsIsExit4(Stall stall) throws Exception {
        try (StallingServer engine = StallingServer.answeringPing(stall);
             DockerEngine docker = DockerEngine.open("tcp://127.0.0.1:" + engine.port(), SHORT)) {
            String message = Stalls.unreachableWithin(BOUND, () -> docker.logTail("web-1", 50, null));
            assertThat(message).startsWith("the Docker engine at tcp://127.0.0.1:" + engine.port()
                + " did not answer \"read logs of container web-1\" within 1s (the log stream did not end)");
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void aStalledExecCreateIsExit4(Stall stall) throws Exception {
        try (StallingServer engine = StallingServer.answeringPing(stall);
             DockerEngine docker = DockerEngine.open("tcp://127.0.0.1:" + engine.port(), SHORT)) {
            String message = Stalls.unreachableWithin(BOUND,
                () -> docker.exec("db-1", List.of("pg_isready"), java.util.Map.of(), Duration.ofMinutes(10)));
            assertThat(message).contains("did not answer \"exec pg_isready in container db-1\" within 1s (POST "
                + "/containers/db-1/exec ");
        }
    }
}
