package dev.rollback.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.http.StallingServer;
import dev.rollback.adapters.http.StallingServer.Stall;
import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stalled sockets, end to end: the built jar run as an operator runs it, its Docker client pointed
 * (through {@code DOCKER_HOST}) at a fake Engine on 127.0.0.1 that answers {@code /_ping} and then
 * stalls. {@code redeploy} pings, then lists the project's containers to choose the release: the
 * run must end there, refused before anything changed, with exit 4 and one line naming the engine and the call, not hang.
 * The bounds are shortened to 2 s through the test seam {@code -Drollback.docker.timeout}. Rows go
 * to the bad-input catalogue ("stalled sockets").
 */
class StalledSocketsIT {
    static final GeneratedTable TABLE = Catalogue.table("5-stalled-sockets");
    private static final Duration BOUND = Duration.ofSeconds(2);
    /** From the stalled request to the process's end: the bound, then the report and the JVM's exit. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    /** The code before issue 13 hangs: cut it off well before the build's own timeout. */
    private static final int HANG_SECONDS = 90;

    @TempDir
    Path dir;

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void redeployAgainstAStalledEngineIsExit4(Stall stall) throws IOException {
        try (StallingServer engine = StallingServer.answeringPing(stall)) {
            writeConfig();
            String host = "tcp://127.0.0.1:" + engine.port();
            String[] args = {"-c", dir.resolve("rollback.yml").toString(), "redeploy", "--yes"};
            List<String> argv = new ArrayList<>(RollbackCli.command(List.of("-D" + "rollback.docker.timeout=2s")));
            argv.addAll(List.of(args));

            Shell.Result run = Shell.run(dir, Map.of("DOCKER_HOST", host), HANG_SECONDS, argv);
            Duration took = Duration.ofNanos(System.nanoTime() - engine.firstStallNanos());

            String line = BadInputRules.oneClearLineAfterProgress(run.err(), run.out());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
            assertThat(line).isEqualTo("rollback: select-release: the Docker engine at " + host + " did not answer \"list containers of"
                + " project stalled\" within 2s (GET /containers/json " + (stall == Stall.SILENT ? "got no answer"
                : "stalled in the middle of its answer") + "); check that dockerd is healthy (docker info) and that"
                + " DOCKER_HOST or docker.host points at it");
            assertThat(engine.stalledRequests()).isNotEmpty();
            assertThat(took).as("from the stalled call to the end of the run").isLessThan(BOUND.plus(MARGIN));

            String shown = line.replace(":" + engine.port(), ":PORT");
            TABLE.add("stalled " + stall, "stalled sockets: a Docker engine that " + stall.description,
                GeneratedTable.code(CommandText.of(Map.of("DOCKER_HOST", "tcp://127.0.0.1:PORT"), args, dir)),
                String.valueOf(run.exitCode()), GeneratedTable.code(shown));
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), """
            version: "3.8"
            services:
              web:
                image: rollback-fixture/app:v1
            """);
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack:
              name: stalled
              app-services: [web]
            backups: { dir: ./backups }
            state-dir: ./state
            database: { host: 127.0.0.1, port: 1, name: merq, user: merq, password-env: DB_PASSWORD }
            """);
    }
}
