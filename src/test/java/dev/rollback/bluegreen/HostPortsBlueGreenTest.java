package dev.rollback.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.docker.ComposeProject;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Confirmer;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Report;
import dev.rollback.core.StepReport;
import dev.rollback.gate.HealthGate;
import dev.rollback.release.Ledger;
import dev.rollback.workdir.GitCheckout;
import dev.rollback.workdir.StackFiles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue-green when Caddy runs on the host's network and dials published ports, on the in-memory
 * Docker host and Caddy: the realistic configuration is {@code caddy adapt} (Caddy 2.6) of
 * {@code src/test/resources/caddy/host-ports.Caddyfile}: four sites, {@code handle_path /api/*},
 * {@code encode}, headers, basic auth, a {@code reverse_proxy} with two upstreams, and a metrics
 * exporter on the host that is no app service.
 */
class HostPortsBlueGreenTest {
    private static final String BROKEN = "merq/app:broken";
    private static final String GOOD = "merq/app:v1";
    private static final Map<String, Integer> PORTS = new TreeMap<>(Map.of("backend", 18341, "web", 18342, "docs", 18343,
        "admin", 18344));
    private static final List<String> APPS = List.of("admin", "backend", "docs", "web");

    @TempDir
    Path dir;

    private FakeWorld world;
    private StackFiles files;
    private String composeAtRevision;
    private String live;

    @BeforeEach
    void blueRunsTheBrokenReleaseBehindACaddyOnTheHost() throws IOException {
        live = resource("/caddy/host-ports.json");
        world = new FakeWorld().caddyRuns(live);
        APPS.forEach(service -> world.blueService(service, BROKEN));
        PORTS.forEach(world::publishes);
        world.brokenImages.add(BROKEN);
        composeAtRevision = composeFile(PORTS);
        files = new StackFiles(Files.createDirectories(dir.resolve("work")), "docker-compose.yml", null);
        Files.writeString(dir.resolve("work/docker-compose.yml"), "# the broken release's file\n");
        Files.createDirectories(dir.resolve("backups"));
    }

    private static String composeFile(Map<String, Integer> ports) {
        StringBuilder file = new StringBuilder("services:\n  postgres: { image: rollback-fixture/postgres:15 }\n");
        ports.forEach((service, port) -> file.append("  ").append(service).append(": { image: ").append(GOOD)
            .append(", ports: [\"127.0.0.1:").append(port).append(":80\"] }\n"));
        return file.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HostPortsBlueGreenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Report run() {
        Map<String, String> images = new TreeMap<>();
        APPS.forEach(service -> images.put(service, GOOD));
        Compose primary = world.compose(new ComposeProject(FakeWorld.STACK, dir, List.of(), null), images);
        BlueGreenInputs in = new BlueGreenInputs(
            new BlueGreenInputs.Stack(FakeWorld.STACK, files, files.workdir(), () -> new GitCheckout(git(), ""), "HEAD~1",
                new Ledger(dir.resolve("state")), APPS, List.of("postgres")),
            // no proxy container: Caddy runs on the host, under systemd
            new BlueGreenInputs.Settings(FakeWorld.GREEN_OFFSET, Duration.ZERO, "/health", true,
                dir.resolve("state/blue-green"), null, "busybox"),
            new BlueGreenInputs.Tools(world.docker(), world, primary, project -> world.compose(project, images), world,
                List.of(world.throughProxy()), new HealthGate(Duration.ofMillis(300), Duration.ofMillis(10), () -> false),
                new BackupStore(dir.resolve("backups"), Clock.systemUTC()), () -> false, world.hostHttp(),
                new ComposeSides(world.docker(), world, name -> new dev.rollback.platform.ComposeStack(world.docker(), name),
                    project -> world.compose(project, images))));
        return new Executor(dir.resolve("state"), Confirmer.ALWAYS, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(BlueGreenPlan.build(in), new Executor.Options(false, true));
    }

    /** A git repository where HEAD~1 has {@link #composeAtRevision}. */
    private GitRepository git() {
        return (GitRepository) Proxy.newProxyInstance(GitRepository.class.getClassLoader(),
            new Class<?>[] {GitRepository.class}, (proxy, method, args) -> switch (method.getName()) {
                case "resolve" -> "a".repeat(40);
                case "readFile" -> "docker-compose.yml".equals(args[1])
                    ? Optional.of(composeAtRevision.getBytes(StandardCharsets.UTF_8)) : Optional.empty();
                case "subject" -> "app v1";
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    private static StepReport step(Report report, String id) {
        return report.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** The live configuration with each app dial on green's port: every other byte as it was. */
    private String liveWithGreenPorts() {
        return ProxyRoutes.parse(live).json().replace("\"127.0.0.1:18341\"", "\"127.0.0.1:28341\"")
            .replace("\"localhost:18342\"", "\"localhost:28342\"").replace("\"localhost:18343\"", "\"localhost:28343\"")
            .replace("\"[::1]:18344\"", "\"[::1]:28344\"");
    }

    @Test
    void theDialsMoveToGreensShiftedPortsAndBackAndNothingElseInTheConfigurationChanges() {
        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(report.result()).containsEntry("topology", "host-ports").containsEntry("serving", "primary");
        assertThat(step(report, "proxy-routes").detail()).containsEntry("topology", "host-ports")
            .containsEntry("dials", List.of("[::1]:18344", "127.0.0.1:18341", "localhost:18342", "localhost:18343"))
            .containsEntry("leftAlone", List.of("127.0.0.1:9100"));
        assertThat(world.loaded).hasSize(2);
        assertThat(world.loaded.get(0).json()).isEqualTo(liveWithGreenPorts());
        assertThat(world.loaded.get(0).dials()).containsExactly("127.0.0.1:9100", "[::1]:28344", "127.0.0.1:28341",
            "localhost:28342", "localhost:28343");
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(live));
        assertThat(world.helperRuns).as("green is probed from this host, no helper container").isEmpty();
        assertThat(world.names("merq-green")).isEmpty();
        assertThat(world.container("merq_backend_1").orElseThrow().image()).isEqualTo(GOOD);
        assertThat(world.commands).containsSubsequence("merq-green create admin backend docs web",
            "merq-green up admin backend docs web", "merq stop admin backend docs web", "merq up admin backend docs web",
            "merq-green down ");
    }

    @Test
    void greenIsAwaitedOnTheShiftedPortsCaddyWillDial() {
        Report report = run();

        assertThat(step(report, "await-green").detail().get("checks").toString())
            .contains("dial:backend (http://127.0.0.1:28341/health from this host, as Caddy dials it)")
            .contains("dial:web (http://localhost:28342/health from this host, as Caddy dials it)")
            .contains("dial:admin (http://[::1]:28344/health from this host, as Caddy dials it)");
        assertThat(step(report, "await-primary").detail().get("checks").toString())
            .contains("dial:backend (http://127.0.0.1:18341/health from this host, as Caddy dials it)");
    }

    @Test
    void aGreenThatNeverAnswersOnItsPortsIsRemovedAndCaddyIsNeverTouched() {
        world.brokenImages.add(GOOD);

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(step(report, "await-green").status().wire()).isEqualTo("failed");
        assertThat(report.result()).containsEntry("serving", "blue");
        assertThat(world.loaded).isEmpty();
        assertThat(world.names("merq-green")).isEmpty();
    }

    @Test
    void whenCaddyDoesNotServeGreenItDialsBluesPortsAgain() {
        world.failingThroughProxy.add("merq-green");

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("switch-to-green").contains("the proxy routes to blue again");
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(live));
        assertThat(world.names("merq-green")).isEmpty();
    }

    @Test
    void aRunAfterOneThatLeftGreenServingOnItsPortsContinuesFromItsSwitch() {
        world.failingCommands.add("merq up");
        assertThat(run().result()).containsEntry("serving", "green");
        assertThat(world.routes().json()).isEqualTo(liveWithGreenPorts());
        world.failingCommands.clear();
        world.commands.clear();

        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(step(report, "take-over-green").detail()).containsEntry("caddyDialsGreen", true);
        assertThat(step(report, "switch-to-green").status().wire()).isEqualTo("skipped");
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(live));
        assertThat(world.names("merq-green")).isEmpty();
        assertThat(report.result()).containsEntry("serving", "primary").containsEntry("topology", "host-ports");
    }

    @Test
    void aDialedPortNoAppServicePublishesIsRefusedBeforeAnythingChanges() {
        world.caddyRuns(live.replace("127.0.0.1:18341", "127.0.0.1:18999").replace("localhost:18342", "localhost:18998")
            .replace("localhost:18343", "localhost:18997").replace("[::1]:18344", "[::1]:18996"));

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).isEqualTo("proxy-routes: Caddy dials [127.0.0.1:9100, [::1]:18996,"
            + " 127.0.0.1:18999, localhost:18998, localhost:18997] on this host, but no app service (admin, backend, docs, web)"
            + " publishes those ports (they publish admin 127.0.0.1:18344; backend 127.0.0.1:18341; docs 127.0.0.1:18343;"
            + " web 127.0.0.1:18342). Nothing to switch");
        assertThat(world.commands).isEmpty();
        assertThat(world.loaded).isEmpty();
    }

    @Test
    void aDialedPortTheRevisionNoLongerPublishesIsRefusedBeforeAnythingChanges() {
        Map<String, Integer> moved = new TreeMap<>(PORTS);
        moved.put("backend", 18351);
        composeAtRevision = composeFile(moved);

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).isEqualTo("generate-green-file: Caddy dials 127.0.0.1:18341, which backend"
            + " publishes now, but at the target revision backend publishes host port(s) 18351; after the switch back Caddy"
            + " would dial nothing there. Publish 18341 in that revision's compose file, or use recreate");
        assertThat(world.commands).isEmpty();
        assertThat(world.loaded).isEmpty();
    }
}
