package dev.rollback.adapters.docker;

import static dev.rollback.adapters.docker.TestDocker.APP_IMAGE;
import static dev.rollback.adapters.docker.TestDocker.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollback.adapters.docker.Swarm.Convergence;
import dev.rollback.adapters.docker.Swarm.SwarmService;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SwarmEngine against a real one-node swarm (Engine 20.10, no registry), with a two-service stack
 * created by the docker CLI: "web" (app:v1; update/rollback start-first with a 1 s monitor, and
 * settings docker-java's models would drop), "api" (a local tag that is moved around; update
 * failure action pause) and "worker" (app:v1; update failure action rollback); the scaling
 * tests add "jobs" (two replicas) and "agent" (global). The tests run in order, each one leaving the stack as the next expects.
 * Every image reference lacks a registry, so each task start tries Docker Hub first, fails, and
 * uses the local image: that must not stop anything from converging.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmEngineIT {
    private static final String STACK = TestDocker.uniqueProject();
    private static final String WEB = STACK + "_web";
    private static final String API = STACK + "_api";
    private static final String WORKER = STACK + "_worker";
    /** v2 under a name no registry knows, like the protective tags the product creates. */
    private static final String LOCAL_TAG = STACK + "/app:rollback-x";
    /** A mutable tag, like Dokploy's appName:latest; starts at v1. */
    private static final String MOVING_TAG = STACK + "/app:moving";
    private static final String CRASH = APP_IMAGE + ":crash";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static DockerEngine engine;
    private static Swarm swarm;
    private static String v1;
    private static String v2;
    private static String webId;
    private static String apiId;
    private static String workerId;

    @BeforeAll
    static void createStack() {
        TestDocker.quietLogs();
        TestSwarm.ensureManager();
        engine = DockerEngine.connect(null);
        swarm = engine.swarm();
        v1 = engine.imageId(APP_IMAGE + ":v1").orElseThrow();
        v2 = engine.imageId(APP_IMAGE + ":v2").orElseThrow();
        docker("tag", APP_IMAGE + ":v2", LOCAL_TAG);
        docker("tag", APP_IMAGE + ":v1", MOVING_TAG);
        webId = TestSwarm.createService(STACK, "web", APP_IMAGE + ":v1",
            "--update-order", "start-first", "--update-monitor", "1s",
            "--rollback-order", "start-first", "--rollback-monitor", "1s",
            "--cap-add", "CAP_NET_BIND_SERVICE", "--ulimit", "nofile=1024:2048");
        apiId = TestSwarm.createService(STACK, "api", MOVING_TAG,
            "--update-order", "start-first", "--update-failure-action", "pause", "--update-monitor", "2s");
        workerId = TestSwarm.createService(STACK, "worker", APP_IMAGE + ":v1",
            "--update-failure-action", "rollback", "--update-monitor", "2s", "--rollback-monitor", "1s");
        assertConverged(webId); // fresh services: no UpdateStatus at all
        assertConverged(apiId);
        assertConverged(workerId);
    }

    @AfterAll
    static void removeStack() {
        TestSwarm.removeStack(STACK);
        TestDocker.removeImageQuietly(LOCAL_TAG);
        TestDocker.removeImageQuietly(MOVING_TAG);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @Order(1)
    void findsTheStacksServicesWithTheImageIdTheirTasksRun() {
        List<SwarmService> services = swarm.stackServices(STACK);

        assertThat(services).extracting(SwarmService::name).containsExactly(API, WEB, WORKER);
        SwarmService web = services.get(1);
        assertThat(web.id()).isEqualTo(webId);
        assertThat(web.image()).isEqualTo(APP_IMAGE + ":v1"); // no registry: no digest pinned either
        assertThat(web.imageId()).isEqualTo(v1);
        assertThat(web.replicas()).isEqualTo(1);
        assertThat(web.runningTasks()).isEqualTo(1);
        assertThat(web.version()).isPositive();
        assertThat(web.updateState()).isNull();
        assertThat(services.get(0).imageId()).isEqualTo(v1);
        assertThat(swarm.service(WEB)).contains(web);
        assertThat(swarm.service(webId)).contains(web);
        assertThat(swarm.stackServices(STACK + "x")).isEmpty();
    }

    @Test
    @Order(2)
    void aServiceThatWasNeverUpdatedHasNoPreviousSpecToRollBackTo() {
        assertFailsWith(ExitCode.REFUSED, () -> swarm.rollbackToPrevious(webId)).contains(webId, "no previous spec");
    }

    @Test
    @Order(3)
    void updatesToALocalTagAndKeepsTheRestOfTheSpec() {
        String ulimits = TestSwarm.specField(webId, ".TaskTemplate.ContainerSpec.Ulimits");
        String capabilities = TestSwarm.specField(webId, ".TaskTemplate.ContainerSpec.CapabilityAdd");
        assertThat(ulimits + capabilities).contains("nofile", "CAP_NET_BIND_SERVICE");

        swarm.updateImage(webId, LOCAL_TAG);

        assertConverged(webId);
        SwarmService web = swarm.service(webId).orElseThrow();
        assertThat(web.image()).isEqualTo(LOCAL_TAG);
        assertThat(web.imageId()).isEqualTo(v2);
        assertThat(web.updateState()).isEqualTo("completed");
        assertThat(web.runningTasks()).isEqualTo(1);
        // docker-java's UpdateServiceCmd would have sent its model of the spec, without these.
        assertThat(TestSwarm.specField(webId, ".TaskTemplate.ContainerSpec.Ulimits")).isEqualTo(ulimits);
        assertThat(TestSwarm.specField(webId, ".TaskTemplate.ContainerSpec.CapabilityAdd")).isEqualTo(capabilities);
    }

    /**
     * Swarm keeps one PreviousSpec and swaps it with the current spec on every rollback, so a
     * second "rollback to previous" undoes the first. The same happens after two quick deploys
     * (v1 → v2 → v3: "previous" is v2, not the last good v1): the product must roll back to a
     * recorded release (updateImage), never rely on rollback=previous to find the right version.
     */
    @Test
    @Order(4)
    void rollbackToPreviousReturnsToV1AndASecondRollbackFlipsBackToV2() {
        swarm.rollbackToPrevious(webId);

        assertConverged(webId);
        SwarmService web = swarm.service(webId).orElseThrow();
        assertThat(web.imageId()).isEqualTo(v1);
        assertThat(web.image()).isEqualTo(APP_IMAGE + ":v1");
        assertThat(web.updateState()).isEqualTo("rollback_completed");

        swarm.rollbackToPrevious(webId);

        assertConverged(webId);
        web = swarm.service(webId).orElseThrow();
        assertThat(web.imageId()).isEqualTo(v2);
        assertThat(web.image()).isEqualTo(LOCAL_TAG);
    }

    @Test
    @Order(5)
    void updatingToTheSameTagMovedToAnotherImageReplacesTheTasks() {
        docker("tag", APP_IMAGE + ":v2", MOVING_TAG);

        swarm.updateImage(apiId, MOVING_TAG);

        assertConverged(apiId);
        assertThat(swarm.service(apiId).orElseThrow().imageId()).isEqualTo(v2);
    }

    @Test
    @Order(6)
    void anUpdateToACrashingImageDoesNotConvergeAndSaysWhy() {
        swarm.updateImage(apiId, CRASH);

        Convergence convergence = swarm.awaitConverged(apiId, TIMEOUT);

        assertThat(convergence.converged()).as(convergence.detail()).isFalse();
        assertThat(convergence.detail()).contains("Swarm paused the update", "last task error: task: non-zero exit (1)");
        assertThat(convergence.took()).isLessThan(Duration.ofSeconds(30));
        // start-first + pause: the v2 task was never stopped, the stack still serves.
        SwarmService api = swarm.service(apiId).orElseThrow();
        assertThat(api.updateState()).isEqualTo("paused");
        assertThat(api.lastTaskError()).isEqualTo("task: non-zero exit (1)");
        assertThat(api.image()).isEqualTo(CRASH);
        assertThat(api.imageId()).isEqualTo(v2);
    }

    /** Swarm's own rollback completes "successfully": that must not read as the update converging. */
    @Test
    @Order(7)
    void anUpdateSwarmRollsBackByItselfDoesNotConverge() {
        swarm.updateImage(workerId, CRASH);

        Convergence convergence = swarm.awaitConverged(workerId, TIMEOUT);

        assertThat(convergence.converged()).as(convergence.detail()).isFalse();
        assertThat(convergence.detail()).contains("Swarm rolled the update back", "task: non-zero exit (1)");
        assertThat(swarm.service(workerId).orElseThrow().image()).isEqualTo(APP_IMAGE + ":v1");
    }

    @Test
    @Order(8)
    void unknownServicesAreRefusalsNamingThem() {
        String unknown = STACK + "_nosuch";

        assertThat(swarm.service(unknown)).isEmpty();
        assertFailsWith(ExitCode.REFUSED, () -> swarm.updateImage(unknown, LOCAL_TAG)).contains(unknown);
        assertFailsWith(ExitCode.REFUSED, () -> swarm.rollbackToPrevious(unknown)).contains(unknown);
        assertFailsWith(ExitCode.REFUSED, () -> swarm.awaitConverged(unknown, TIMEOUT)).contains(unknown);
    }

    /** What the level-3 database restore does with app services: down to 0 while switching, then back. */
    @Test
    @Order(9)
    void scalesAServiceToZeroAndBackKeepingTheRestOfItsSpec() {
        String jobsId = TestSwarm.createService(STACK, "jobs", APP_IMAGE + ":v1", "--replicas", "2",
            "--label", "team=shop", "--ulimit", "nofile=1024:2048", "--cap-add", "CAP_NET_BIND_SERVICE");
        assertConverged(jobsId);
        assertThat(runningContainers(STACK + "_jobs")).hasSize(2);
        String labels = TestSwarm.specField(jobsId, ".Labels");
        String ulimits = TestSwarm.specField(jobsId, ".TaskTemplate.ContainerSpec.Ulimits");
        String capabilities = TestSwarm.specField(jobsId, ".TaskTemplate.ContainerSpec.CapabilityAdd");
        assertThat(labels + ulimits + capabilities).contains("team", "nofile", "CAP_NET_BIND_SERVICE");

        assertThat(swarm.scale(jobsId, 0)).isEqualTo(2);

        Convergence down = swarm.awaitScaled(jobsId, 0, TIMEOUT);
        assertThat(down.converged()).as(down.detail()).isTrue();
        assertThat(runningContainers(STACK + "_jobs")).isEmpty();
        SwarmService jobs = swarm.service(jobsId).orElseThrow();
        assertThat(jobs.replicas()).isZero();
        assertThat(jobs.runningTasks()).isZero();

        assertThat(swarm.scale(STACK + "_jobs", 2)).isZero();

        Convergence up = swarm.awaitScaled(jobsId, 2, TIMEOUT);
        assertThat(up.converged()).as(up.detail()).isTrue();
        assertThat(runningContainers(STACK + "_jobs")).hasSize(2);
        assertThat(swarm.service(jobsId).orElseThrow().replicas()).isEqualTo(2);
        assertThat(swarm.scale(jobsId, 2)).isEqualTo(2); // unchanged: nothing written
        assertThat(TestSwarm.specField(jobsId, ".Labels")).isEqualTo(labels);
        assertThat(TestSwarm.specField(jobsId, ".TaskTemplate.ContainerSpec.Ulimits")).isEqualTo(ulimits);
        assertThat(TestSwarm.specField(jobsId, ".TaskTemplate.ContainerSpec.CapabilityAdd")).isEqualTo(capabilities);
        assertThat(TestSwarm.specField(jobsId, ".TaskTemplate.ContainerSpec.Image")).contains(APP_IMAGE + ":v1");
    }

    @Test
    @Order(10)
    void aGlobalServiceCannotBeScaledAndAWaitThatCannotBeMetTimesOut() {
        String agentId = TestSwarm.createService(STACK, "agent", APP_IMAGE + ":v1", "--mode", "global");
        assertConverged(agentId);

        assertFailsWith(ExitCode.REFUSED, () -> swarm.scale(agentId, 0)).contains(STACK + "_agent", "cannot be scaled");

        Convergence never = swarm.awaitScaled(agentId, 0, Duration.ofSeconds(1));
        assertThat(never.converged()).isFalse();
        assertThat(never.detail()).contains("not scaled to 0 within 1s", "1 task(s) running");
        assertThat(runningContainers(STACK + "_agent")).hasSize(1);
        assertFailsWith(ExitCode.REFUSED, () -> swarm.scale(STACK + "_nosuch", 0)).contains(STACK + "_nosuch");
    }

    private static List<String> runningContainers(String serviceName) {
        return docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + serviceName)
            .lines().filter(line -> !line.isBlank()).toList();
    }

    private static void assertConverged(String serviceId) {
        Convergence convergence = swarm.awaitConverged(serviceId, TIMEOUT);
        assertThat(convergence.converged()).as("service %s: %s", serviceId, convergence.detail()).isTrue();
    }

    private static AbstractStringAssert<?> assertFailsWith(int exitCode, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RollbackException.class);
        RollbackException error = (RollbackException) thrown;
        assertThat(error.exitCode()).as("exit code of: " + error.getMessage()).isEqualTo(exitCode);
        return assertThat(error.getMessage());
    }
}
