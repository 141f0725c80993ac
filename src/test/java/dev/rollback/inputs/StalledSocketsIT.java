package dev.rollback.inputs;

import dev.rollback.core.PrivateFiles;
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
 * Stalled sockets, end to end: the built jar run as an operator runs it against a server on
 * 127.0.0.1 that accepts and then stalls ({@link Stall}: nothing at all, or headers and 3 bytes of
 * body). Each run must be refused before anything changes, with exit 4 and one line naming what
 * stalled, within the bound after the stalled request. The bounds are shortened to 2 s through the
 * test seams {@code -Drollback.docker.timeout} and {@code -Drollback.http.timeout}. Rows go to the
 * bad-input catalogue ("stalled sockets"). The code before issue 13 hangs on every mid-body stall
 * and on a silent Engine after its ping: the runs are cut off after {@value #HANG_SECONDS} s.
 */
class StalledSocketsIT {
    static final GeneratedTable TABLE = Catalogue.table("5-stalled-sockets");
    private static final Duration BOUND = Duration.ofSeconds(2);
    /** From the stalled request to the process's end: the bound, then the report and the JVM's exit. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final int HANG_SECONDS = 90;
    private static final String BASE_CONFIG = """
        stack:
          name: stalled
          app-services: [web]
        backups: { dir: ./backups }
        state-dir: ./state
        database: { host: 127.0.0.1, port: 1, name: merq, user: merq, password-env: DB_PASSWORD }
        """;

    @TempDir
    Path dir;

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    /** {@code redeploy} pings the Engine, then lists the project's containers to choose the release. */
    @ParameterizedTest
    @EnumSource(Stall.class)
    void redeployAgainstAStalledDockerEngine(Stall stall) throws IOException {
        try (StallingServer engine = StallingServer.answeringPing(stall)) {
            String host = "tcp://127.0.0.1:" + engine.port();
            writeConfig(BASE_CONFIG);
            String line = expectStall(engine, "a Docker engine that " + stall.description,
                Map.of("DOCKER_HOST", host), "rollback.docker.timeout", "redeploy", "--yes");
            assertThat(line).isEqualTo("rollback: select-release: the Docker engine at " + host + " did not answer"
                + " \"list containers of project stalled\" within 2s (GET /containers/json "
                + (stall == Stall.SILENT ? "got no answer" : "stalled in the middle of its answer")
                + "); check that dockerd is healthy (docker info) and that DOCKER_HOST or docker.host points at it");
        }
    }

    /** Level 4 on DigitalOcean reads the droplet first (a check: nothing is stopped yet). */
    @ParameterizedTest
    @EnumSource(Stall.class)
    void infraRebuildAgainstAStalledDigitalOceanApi(Stall stall) throws IOException {
        try (StallingServer api = StallingServer.start(stall)) {
            writeConfig(BASE_CONFIG + "digitalocean: { droplet-id: 42, domain: example.com, records: [api], api-url: \""
                + api.url() + "\" }\n");
            String line = expectStall(api, "the DigitalOcean API " + stall.description,
                Map.of("DB_PASSWORD", "x", "DIGITALOCEAN_TOKEN", "dop_v1_stalltest"), "rollback.http.timeout",
                "infra-rebuild", "--provider", "digitalocean", "--yes");
            assertThat(line).isEqualTo("rollback: choose-image: DigitalOcean API at " + api.url() + " is unreachable"
                + " (GET /v2/droplets/42: GET " + api.url() + "/v2/droplets/42 " + httpStall(stall)
                + "); check the network and digitalocean.api-url");
        }
    }

    /** A redeploy of a Dokploy target lists the deployments first. */
    @ParameterizedTest
    @EnumSource(Stall.class)
    void redeployAgainstAStalledDokploy(Stall stall) throws IOException {
        try (StallingServer panel = StallingServer.start(stall)) {
            writeConfig(BASE_CONFIG.replace("  app-services", "  target: dokploy\n  app-services")
                + "dokploy: { url: \"" + panel.url() + "\", application-id: app-1 }\n");
            String line = expectStall(panel, "Dokploy " + stall.description,
                Map.of("DB_PASSWORD", "x", "DOKPLOY_API_KEY", "stalltest-key"), "rollback.http.timeout",
                "redeploy", "--yes");
            assertThat(line).isEqualTo("rollback: choose-deployment: Dokploy at " + panel.url() + " is unreachable (GET "
                + panel.url() + "/api/deployment.all " + httpStall(stall)
                + "); check dokploy.url and that the panel is up");
        }
    }

    private static String httpStall(Stall stall) {
        return stall == Stall.SILENT ? "sent no status line and headers within 2s"
            : "answered HTTP 200, then its body stalled after 3 of 1000 bytes; gave up after 2s";
    }

    /**
     * Runs {@code rollback -c ./rollback.yml ARGS} with the bounds of {@code seam} at 2 s; asserts exit 4,
     * one line, and the end within the bound of the stalled request; adds the row; answers the line.
     */
    private String expectStall(StallingServer server, String what, Map<String, String> env, String seam,
                               String... command) {
        List<String> args = new ArrayList<>(List.of("-c", dir.resolve("rollback.yml").toString()));
        args.addAll(List.of(command));
        List<String> argv = new ArrayList<>(RollbackCli.command(List.of("-D" + seam + "=2s")));
        argv.addAll(args);

        Shell.Result run = Shell.run(dir, env, HANG_SECONDS, argv);
        Duration took = Duration.ofNanos(System.nanoTime() - server.firstStallNanos());

        String line = BadInputRules.oneClearLineAfterProgress(run.err(), run.out());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(server.stalledRequests()).isNotEmpty();
        assertThat(took).as("from the stalled request to the end of the run").isLessThan(BOUND.plus(MARGIN));
        assertThat(Files.exists(dir.resolve("state/unfinished.json"))).as("nothing was started").isFalse();

        String port = ":" + server.port();
        Map<String, String> shownEnv = new java.util.TreeMap<>(env);
        shownEnv.replaceAll((key, value) -> key.matches(".*(TOKEN|KEY|PASSWORD)") ? "…" : value.replace(port, ":PORT"));
        TABLE.add("stalled " + what, "stalled sockets: " + what,
            GeneratedTable.code(CommandText.of(shownEnv, args.toArray(String[]::new), dir)),
            String.valueOf(run.exitCode()), GeneratedTable.code(line.replace(port, ":PORT")));
        return line;
    }

    private void writeConfig(String yaml) throws IOException {
        PrivateFiles.createDirectories(dir.resolve("state"));
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("docker-compose.yml"), """
            version: "3.8"
            services:
              web:
                image: rollback-fixture/app:v1
            """);
        Files.writeString(dir.resolve("rollback.yml"), yaml);
    }
}
