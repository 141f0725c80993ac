package dev.rollback.bluegreen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.git.GitRepository;
import dev.rollback.adapters.proxy.ProxyRoutes;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Confirmer;
import dev.rollback.core.Executor;
import dev.rollback.core.Interruption;
import dev.rollback.core.Report;
import dev.rollback.core.StepReport;
import dev.rollback.gate.HealthGate;
import dev.rollback.workdir.StackFiles;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which side serves after each kind of failure, on an in-memory Docker host and Caddy. */
class BlueGreenPlanTest {
    private static final String BROKEN = "merq/app:broken";
    private static final String GOOD = "merq/app:v1";
    private static final String COMPOSE_AT_REV = """
        services:
          postgres: { image: rollback-fixture/postgres:15 }
          backend: { image: merq/app:v1 }
          web: { image: merq/app:v1 }
        """;

    @TempDir
    Path dir;

    private FakeWorld world;
    private StackFiles files;
    private boolean pull = true;

    @BeforeEach
    void blueRunsTheBrokenRelease() throws IOException {
        world = new FakeWorld().blue(BROKEN);
        world.brokenImages.add(BROKEN);
        files = new StackFiles(Files.createDirectories(dir.resolve("work")), "docker-compose.yml", null);
        Files.writeString(dir.resolve("work/docker-compose.yml"), "# the broken release's file\n");
        Files.createDirectories(dir.resolve("backups"));
    }

    private Report run() {
        Map<String, String> images = Map.of("backend", GOOD, "web", GOOD);
        Compose primary = world.compose(new dev.rollback.adapters.docker.ComposeProject(FakeWorld.STACK, dir, List.of(),
            null), images);
        BlueGreenInputs in = new BlueGreenInputs(
            new BlueGreenInputs.Stack(FakeWorld.STACK, files, files.workdir(), () -> new dev.rollback.workdir.GitCheckout(git(), ""), "HEAD~1",
                new dev.rollback.release.Ledger(dir.resolve("state")),
                List.of("backend", "web"), List.of("postgres")),
            new BlueGreenInputs.Settings(10000, Duration.ZERO, "/health", pull, dir.resolve("state/blue-green"),
                FakeWorld.CADDY, "busybox"),
            new BlueGreenInputs.Tools(world.docker(), world, primary, project -> world.compose(project, images), world,
                List.of(world.throughProxy()), new HealthGate(Duration.ofMillis(300), Duration.ofMillis(10), () -> false),
                new BackupStore(dir.resolve("backups"), Clock.systemUTC()), () -> false, world.hostHttp(),
                new ComposeSides(world.docker(), world, name -> new dev.rollback.platform.ComposeStack(world.docker(), name),
                    project -> world.compose(project, images))));
        return new Executor(dir.resolve("state"), Confirmer.ALWAYS, Interruption.manual(), line -> { },
            Clock.systemUTC()).run(BlueGreenPlan.build(in), new Executor.Options(false, true));
    }

    /** A git repository where HEAD~1 has {@link #COMPOSE_AT_REV}. */
    private static GitRepository git() {
        return (GitRepository) Proxy.newProxyInstance(GitRepository.class.getClassLoader(),
            new Class<?>[] {GitRepository.class}, (proxy, method, args) -> switch (method.getName()) {
                case "resolve" -> "a".repeat(40);
                case "readFile" -> "docker-compose.yml".equals(args[1]) ? Optional.of(COMPOSE_AT_REV.getBytes())
                    : Optional.empty();
                case "subject" -> "app v1";
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    private static StepReport step(Report report, String id) {
        return report.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static String status(Report report, String id) {
        return step(report, id).status().wire();
    }

    private String workdirFile() throws IOException {
        return Files.readString(dir.resolve("work/docker-compose.yml"));
    }

    @Test
    void greenBecomesThePrimaryAndIsRemoved() throws IOException {
        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(report.result()).containsEntry("serving", "primary").containsEntry("commit", "a".repeat(40));
        assertThat(report.steps()).extracting(StepReport::id).containsExactly("proxy-reachable", "resolve-revision",
            "blue-running", "proxy-routes", "take-over-green", "generate-green-file", "green-images", "start-green", "await-green",
            "switch-to-green", "drain-blue", "stop-blue", "backup-config", "checkout-config", "release-images", "start-primary",
            "await-primary", "switch-to-primary", "drain-green", "remove-green");
        assertThat(world.loaded).hasSize(2);
        assertThat(world.loaded.get(0).dials()).allMatch(dial -> dial.startsWith("10.0.0."));
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(FakeWorld.LIVE));
        assertThat(world.names("merq-green")).isEmpty();
        assertThat(world.container("merq_backend_1").orElseThrow().image()).isEqualTo(GOOD);
        assertThat(workdirFile()).isEqualTo(COMPOSE_AT_REV);
        assertThat(dir.resolve("state/blue-green/merq-green.yml")).doesNotExist();
        assertThat(world.commands).containsSubsequence("merq-green create backend web", "merq-green up backend web",
            "merq stop backend web", "merq up backend web", "merq-green down ");
    }

    @Test
    void aMissingHelperImageIsPulledFirstThingAndTheRunSucceeds() {
        world.missingImages.add("busybox");

        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(world.pulled).containsExactly("busybox");
        assertThat(step(report, "proxy-routes").detail()).containsEntry("pulled", List.of("busybox"));
        assertThat(report.result()).containsEntry("serving", "primary");
    }

    @Test
    void withNoPullAMissingHelperImageIsRefusedBeforeAnythingChanges() {
        world.missingImages.add("busybox");
        pull = false;

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("helper image busybox", "--no-pull");
        assertThat(world.pulled).isEmpty();
        assertThat(world.commands).isEmpty();
        assertThat(world.loaded).isEmpty();
        assertThat(world.container("merq_backend_1").orElseThrow().image()).isEqualTo(BROKEN);
    }

    @Test
    void missingImagesOfTheRevisionArePulledBeforeGreenStarts() {
        world.missingImages.add(GOOD);

        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(world.pulled).containsExactly(GOOD);
        assertThat(step(report, "green-images").detail()).containsEntry("pulled", List.of(GOOD));
    }

    @Test
    void beforeTheSwitchAFailureRemovesGreenAndBlueServesOn() throws IOException {
        world.brokenImages.add(GOOD);   // green never answers

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.result()).containsEntry("serving", "blue");
        assertThat(status(report, "await-green")).isEqualTo("failed");
        assertThat(world.loaded).isEmpty();
        assertThat(world.names("merq-green")).isEmpty();
        assertThat(world.container("merq_backend_1").orElseThrow().image()).isEqualTo(BROKEN);
        assertThat(workdirFile()).isEqualTo("# the broken release's file\n");
    }

    @Test
    void whenTheProxyDoesNotServeGreenItGoesBackToBlueAndGreenIsRemoved() {
        world.failingThroughProxy.add("merq-green");

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("switch-to-green").contains("the proxy routes to blue again");
        assertThat(report.result()).containsEntry("serving", "blue");
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(FakeWorld.LIVE));
        assertThat(world.names("merq-green")).isEmpty();
    }

    @Test
    void afterTheSwitchGreenServesOnWhenThePrimaryDoesNotComeUp() throws IOException {
        world.failingCommands.add("merq up");

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.result()).containsEntry("serving", "green");
        assertThat(status(report, "undo:switch-to-green")).isEqualTo("succeeded");
        assertThat(step(report, "undo:start-green").detail().get("reason").toString())
            .isEqualTo("the proxy routes to merq-green; it stays");
        assertThat(world.routes().dials()).allMatch(dial -> dial.startsWith("10.0.0."));
        assertThat(world.names("merq-green")).containsExactly("merq-green_backend_1", "merq-green_web_1");
        assertThat(dir.resolve("state/blue-green/merq-green.yml")).exists();
        assertThat(workdirFile()).isEqualTo("# the broken release's file\n");
        // The green file may hold the revision's literal credentials: owner-only, and its dir too (umask 022 here).
        assertThat(dev.rollback.core.FileModes.mode(dir.resolve("state/blue-green/merq-green.yml"))).isEqualTo("rw-------");
        assertThat(dev.rollback.core.FileModes.openToOthers(dir.resolve("state/blue-green"))).isEmpty();
    }

    @Test
    void whenTheProxyDoesNotServeThePrimaryItGoesBackToGreen() {
        world.failingThroughProxy.add("merq");

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.error().message()).contains("switch-to-primary").contains("pointed the proxy back at green");
        assertThat(report.result()).containsEntry("serving", "green");
        assertThat(world.routes().dials()).allMatch(dial -> dial.startsWith("10.0.0."));
        assertThat(world.names("merq-green")).hasSize(2);
    }

    @Test
    void afterTheSwitchAGreenThatStopsAnsweringHandsBackToAHealthyBlue() {
        world.brokenImages.remove(BROKEN);   // blue answers (say the incident was elsewhere)
        world.failingCommands.add("merq stop");
        // green answered through the proxy at the switch; it stops answering before the settle
        world.onCommand("merq stop", () -> world.failingThroughProxy.add("merq-green"));

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.result()).containsEntry("serving", "blue");
        assertThat(step(report, "undo:switch-to-green").detail()).containsEntry("healthyAgain", "blue answers through the proxy");
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(FakeWorld.LIVE));
        assertThat(world.names("merq-green")).isEmpty();
    }

    @Test
    void aRunAfterOneThatLeftGreenServingContinuesFromItsSwitch() throws IOException {
        world.failingCommands.add("merq up");
        assertThat(run().result()).containsEntry("serving", "green");
        world.failingCommands.clear();
        world.commands.clear();

        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(step(report, "take-over-green").detail()).containsEntry("caddyDialsGreen", true);
        assertThat(status(report, "start-green")).isEqualTo("skipped");
        assertThat(status(report, "switch-to-green")).isEqualTo("skipped");
        assertThat(status(report, "stop-blue")).isEqualTo("skipped");
        assertThat(world.commands).noneMatch(command -> command.startsWith("merq-green up"))
            .containsSubsequence("merq up backend web", "merq-green down ");
        assertThat(world.routes()).isEqualTo(ProxyRoutes.parse(FakeWorld.LIVE));
        assertThat(world.names("merq-green")).isEmpty();
        assertThat(report.result()).containsEntry("serving", "primary");
        assertThat(Files.readString(dir.resolve("state/unfinished.json"))).doesNotContain("blue-green");
    }

    @Test
    void aGreenLeftThatTheProxyDoesNotDialIsRemovedFirst() throws IOException {
        world.failingCommands.add("merq stop");   // blue keeps running, green serves
        assertThat(run().result()).containsEntry("serving", "green");
        world.load(ProxyRoutes.parse(FakeWorld.LIVE));   // say someone switched Caddy back by hand
        world.failingCommands.clear();
        world.commands.clear();

        Report report = run();

        assertThat(report.error()).isNull();
        assertThat(step(report, "take-over-green").detail()).containsEntry("caddyDialsGreen", false);
        assertThat(world.commands).containsSubsequence("merq-green down ", "merq-green create backend web",
            "merq stop backend web", "merq up backend web", "merq-green down ");
        assertThat(world.names("merq-green")).isEmpty();
    }

    @Test
    void aGreenTheProxyDialsWithNothingRememberedIsRefusedAndLeftAlone() throws IOException {
        world.failingCommands.add("merq up");
        run();
        Files.delete(dir.resolve("state/unfinished.json"));
        world.failingCommands.clear();
        world.commands.clear();

        Report report = run();

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.error().message()).contains("merq-green exists and Caddy dials none of the app services")
            .contains("docs/blue-green.md");
        assertThat(world.commands).isEmpty();
        assertThat(world.names("merq-green")).hasSize(2);
    }
}
