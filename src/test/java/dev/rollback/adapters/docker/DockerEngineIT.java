package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.TestDocker.APP_IMAGE;
import static dev.rollback.adapters.docker.TestDocker.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DockerEngine against the real Engine: two containers labelled as one compose project, "web"
 * (app:v1, healthy) and "worker" (app:crash, exits 1), created with the docker CLI.
 */
class DockerEngineIT {
    private static final String PROJECT = TestDocker.uniqueProject();
    private static final String WEB = PROJECT + "-web-1";
    private static final String WORKER = PROJECT + "-worker-1";
    private static final String SCRATCH_TAG = PROJECT;
    private static DockerEngine engine;

    @BeforeAll
    static void startContainers() {
        TestDocker.quietLogs();
        engine = DockerEngine.connect(null);
        run(WEB, "web", APP_IMAGE + ":v1");
        run(WORKER, "worker", APP_IMAGE + ":crash");
        TestDocker.awaitHealthy(engine, WEB);
    }

    private static void run(String name, String service, String image) {
        docker("run", "-d", "--name", name, "--label", ContainerInfos.PROJECT_LABEL + "=" + PROJECT,
            "--label", ContainerInfos.SERVICE_LABEL + "=" + service, image);
    }

    @AfterAll
    static void removeEverything() {
        TestDocker.sweep(PROJECT);
        TestDocker.removeImageQuietly(APP_IMAGE + ":" + SCRATCH_TAG);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void listsTheProjectsContainersInAllStatesWithHealthAndService() {
        TestDocker.await(engine, WORKER, c -> "exited".equals(c.state()), "exited");

        List<ContainerInfo> containers = engine.projectContainers(PROJECT);

        assertThat(containers).extracting(ContainerInfo::service).containsExactly("web", "worker");
        ContainerInfo web = containers.get(0);
        assertThat(web.name()).isEqualTo(WEB);
        assertThat(web.project()).isEqualTo(PROJECT);
        assertThat(web.image()).isEqualTo(APP_IMAGE + ":v1");
        assertThat(web.imageId()).isEqualTo(engine.imageId(APP_IMAGE + ":v1").orElseThrow());
        assertThat(web.running()).isTrue();
        assertThat(web.exitCode()).isNull();
        ContainerInfo worker = containers.get(1);
        assertThat(worker.state()).isEqualTo("exited");
        assertThat(worker.exitCode()).isEqualTo(1);
    }

    @Test
    void reportsHealthFromTheImagesHealthcheckAndNoneWithoutOne() {
        assertThat(TestDocker.awaitHealthy(engine, WEB).hasHealthcheck()).isTrue();

        String plain = PROJECT + "-plain-1";
        docker("run", "-d", "--name", plain, "--label", ContainerInfos.PROJECT_LABEL + "=" + PROJECT,
            "--no-healthcheck", APP_IMAGE + ":v1");
        ContainerInfo info = engine.container(plain).orElseThrow();
        docker("rm", "-f", plain);

        assertThat(info.health()).isEqualTo("none");
        assertThat(info.hasHealthcheck()).isFalse();
        assertThat(info.service()).isNull();
    }

    @Test
    void stopsAndStartsAContainer() {
        engine.stop(WEB, Duration.ofSeconds(2));
        assertThat(engine.container(WEB).orElseThrow().state()).isEqualTo("exited");

        engine.stop(WEB, Duration.ofSeconds(2)); // already stopped: not an error

        engine.start(WEB);
        assertThat(engine.container(WEB).orElseThrow().running()).isTrue();
        TestDocker.awaitHealthy(engine, WEB);
    }

    @Test
    void tailsStdoutAndStderrInOrder() {
        assertThat(engine.logTail(WORKER, 10)).containsSubsequence("app crash starting", "FATAL: cannot start");
        assertThat(engine.logTail(WEB, 50)).contains("app v1 starting");
        assertThat(engine.logTail(WORKER, 1)).containsExactly("FATAL: cannot start");
    }

    @Test
    void execReturnsOutputExitCodeAndSeesTheEnvironmentFromTheApiCall() {
        String script = "echo out; echo err >&2; echo \"pw=$PGPASSWORD\"; exit 3";
        ExecResult result = engine.exec(WEB, List.of("sh", "-c", script),
            Map.of("PGPASSWORD", "s3cret"), Duration.ofSeconds(10));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("out\npw=s3cret\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(engine.exec(WEB, List.of("cat", "/www/version"), Map.of(), Duration.ofSeconds(10)))
            .isEqualTo(new ExecResult(0, "v1\n", ""));
    }

    @Test
    void execGivesUpAtItsTimeout() {
        long start = System.nanoTime();

        assertFailsWith(ExitCode.FAILED,
            () -> engine.exec(WEB, List.of("sleep", "30"), Map.of(), Duration.ofSeconds(1)))
            .contains("sleep", WEB, "did not finish within 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void execInAStoppedContainerFailsWithTheDaemonsReason() {
        assertFailsWith(ExitCode.FAILED, () -> engine.exec(WORKER, List.of("true"), Map.of(), Duration.ofSeconds(5)))
            .contains(WORKER, "is not running");
    }

    @Test
    void tagsAndUntagsAnImage() {
        String v1 = engine.imageId(APP_IMAGE + ":v1").orElseThrow();
        assertThat(v1).startsWith("sha256:");

        engine.tag(v1, APP_IMAGE, SCRATCH_TAG);
        assertThat(engine.imageId(APP_IMAGE + ":" + SCRATCH_TAG)).contains(v1);

        engine.removeTag(APP_IMAGE + ":" + SCRATCH_TAG);
        assertThat(engine.imageId(APP_IMAGE + ":" + SCRATCH_TAG)).isEmpty();
        assertThat(engine.imageId(APP_IMAGE + ":v1")).contains(v1);
    }

    @Test
    void refusesToRemoveAnImageById() {
        String v1 = engine.imageId(APP_IMAGE + ":v1").orElseThrow();

        assertFailsWith(ExitCode.REFUSED, () -> engine.removeTag(v1));
        assertThat(engine.imageId(APP_IMAGE + ":v1")).contains(v1);
    }

    @Test
    void unknownContainersAndImagesAreRefusalsNamingThem() {
        assertThat(engine.container("rbit-no-such-container")).isEmpty();
        assertThat(engine.imageId(APP_IMAGE + ":no-such-tag")).isEmpty();
        assertFailsWith(ExitCode.REFUSED, () -> engine.stop("rbit-no-such-container", Duration.ofSeconds(1)))
            .contains("rbit-no-such-container");
        assertFailsWith(ExitCode.REFUSED, () -> engine.start("rbit-no-such-container"))
            .contains("rbit-no-such-container");
        assertFailsWith(ExitCode.REFUSED, () -> engine.logTail("rbit-no-such-container", 5))
            .contains("rbit-no-such-container");
        assertFailsWith(ExitCode.REFUSED, () -> engine.exec("rbit-no-such-container", List.of("true"), Map.of(),
            Duration.ofSeconds(5))).contains("rbit-no-such-container");
        assertFailsWith(ExitCode.REFUSED, () -> engine.tag("sha256:" + "0".repeat(64), APP_IMAGE, SCRATCH_TAG));
        assertFailsWith(ExitCode.REFUSED, () -> engine.removeTag(APP_IMAGE + ":no-such-tag")).contains("no-such-tag");
    }

    @Test
    void aMissingSocketIsUnreachableWithinFiveSeconds() {
        String endpoint = "unix:///tmp/" + PROJECT + "-nope.sock";
        long start = System.nanoTime();

        assertFailsWith(ExitCode.UNREACHABLE, () -> DockerEngine.connect(endpoint))
            .contains(endpoint, "dockerd", "DOCKER_HOST");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        try (DockerEngine unconnected = DockerEngine.open(endpoint)) {
            assertFailsWith(ExitCode.UNREACHABLE, () -> unconnected.projectContainers(PROJECT)).contains(endpoint);
            assertFailsWith(ExitCode.UNREACHABLE, () -> unconnected.stop(WEB, Duration.ofSeconds(1)));
        }
    }

    @Test
    @Timeout(10) // without the bounded ping this would hang: the client has no response timeout
    void aDaemonThatAcceptsButNeverAnswersIsUnreachableWithinFiveSeconds() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String endpoint = "tcp://127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();

            assertFailsWith(ExitCode.UNREACHABLE, () -> DockerEngine.connect(endpoint)).contains(endpoint);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** Asserts a RollbackException with this exit code; returns an assertion on its message. */
    private static AbstractStringAssert<?> assertFailsWith(int exitCode, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RollbackException.class);
        RollbackException error = (RollbackException) thrown;
        assertThat(error.exitCode()).as("exit code of: " + error.getMessage()).isEqualTo(exitCode);
        return assertThat(error.getMessage());
    }
}
