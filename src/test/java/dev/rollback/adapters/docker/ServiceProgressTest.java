package dev.rollback.adapters.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.ServiceUpdateState;
import com.github.dockerjava.api.model.ServiceUpdateStatus;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.TaskStatus;
import com.github.dockerjava.api.model.TaskStatusContainerStatus;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The convergence rules, on services and tasks shaped like the ones Engine 20.10 reports. */
class ServiceProgressTest {
    private static final String V1 = "app:v1";
    private static final String V2 = "app:v2";
    private static final Instant UPDATE_START = Instant.parse("2026-11-21T10:00:00Z");
    private static final String CRASH = "task: non-zero exit (1)";

    @Test
    void convergedWhenTheUpdateCompletedAndTheDesiredTasksRunTheSpecsImage() {
        ServiceProgress progress = ServiceProgress.of(replicated(V2, 2, status(ServiceUpdateState.COMPLETED, "update completed")),
            List.of(running(V2, "c1"), running(V2, "c2"), task(V1, TaskState.SHUTDOWN, TaskState.SHUTDOWN, 1, null)));

        assertThat(progress.converged()).isTrue();
        assertThat(progress.failure(false)).isEmpty();
        assertThat(progress.summary()).isEqualTo("2/2 tasks running app:v2, update completed");
        assertThat(progress.updateState()).isEqualTo("completed");
        assertThat(progress.runningTasks()).isEqualTo(2);
    }

    @Test
    void anUpdateJustSentIsNotConvergedWhileTheOldTaskStillRuns() {
        // The Engine clears UpdateStatus on an update until its updater starts: only the tasks tell.
        ServiceProgress progress = ServiceProgress.of(replicated(V2, 1, null), List.of(running(V1, "c1")));

        assertThat(progress.converged()).isFalse();
        assertThat(progress.failure(false)).isEmpty();
        assertThat(progress.summary()).isEqualTo("0/1 tasks running app:v2, no update");
        assertThat(progress.runningContainerIds()).containsExactly("c1");
    }

    @Test
    void aForcedUpdateOfTheSameImageIsNotConvergedUntilTasksOfTheNewGenerationRun() {
        Service service = replicated(V1, 1, null);
        service.getSpec().getTaskTemplate().withForceUpdate(1);
        Task fresh = running(V1, "new");
        fresh.getSpec().withForceUpdate(1);

        assertThat(ServiceProgress.of(service, List.of(running(V1, "old"))).converged()).isFalse();
        assertThat(ServiceProgress.of(service, List.of(fresh)).converged()).isTrue();
    }

    @Test
    void notConvergedWhileUpdatingEvenWhenTheTasksLookDone() {
        ServiceProgress progress = ServiceProgress.of(replicated(V2, 1, status(ServiceUpdateState.UPDATING, "update in progress")),
            List.of(running(V2, "c1")));

        assertThat(progress.converged()).isFalse();
        assertThat(progress.failure(false)).isEmpty();
    }

    @Test
    void aPausedUpdateFailsWithSwarmsMessageAndTheNewestTaskError() {
        ServiceProgress progress = ServiceProgress.of(replicated(V2, 1, status(ServiceUpdateState.PAUSED,
                "update paused due to failure or early termination of task abc")),
            List.of(running(V1, "c1"), task(V2, TaskState.SHUTDOWN, TaskState.FAILED, 5, CRASH),
                task(V1, TaskState.SHUTDOWN, TaskState.FAILED, -60, "an old error")));

        assertThat(progress.failure(false)).contains("Swarm paused the update (update paused due to failure or early"
            + " termination of task abc); last task error: " + CRASH);
        assertThat(progress.runningContainerIds()).containsExactly("c1");
    }

    @Test
    void aRollbackSwarmStartedByItselfIsTheUpdatesFailureButARequestedOneConverges() {
        ServiceProgress progress = ServiceProgress.of(replicated(V1, 1, status(ServiceUpdateState.ROLLBACK_COMPLETED,
            "rollback completed")), List.of(running(V1, "c1")));

        assertThat(progress.failure(false)).contains("Swarm rolled the update back (rollback completed)");
        assertThat(progress.failure(true)).isEmpty();
        assertThat(progress.converged()).isTrue();
        assertThat(progress.rollingBack()).isTrue();
    }

    @Test
    void aPausedRollbackFails() {
        ServiceProgress progress = ServiceProgress.of(replicated(V1, 1, status(ServiceUpdateState.ROLLBACK_PAUSED,
            "rollback paused due to failure")), List.of());

        assertThat(progress.failure(true)).hasValueSatisfying(f -> assertThat(f).startsWith("Swarm paused the rollback"));
    }

    @Test
    void tasksFailingAgainAndAgainSinceTheUpdateStartedFailEvenWhenSwarmCallsTheUpdateCompleted() {
        // Failure action "continue", or a crash after the monitor period: the update completes and
        // the restart policy keeps replacing the crashing task.
        Service service = replicated(V2, 1, status(ServiceUpdateState.COMPLETED, "update completed"));
        List<Task> twice = List.of(failed(V2, 2), failed(V2, 8), task(V2, TaskState.RUNNING, TaskState.READY, 9, null));
        List<Task> thrice = List.of(failed(V2, 2), failed(V2, 8), failed(V2, 14));
        List<Task> mostlyBeforeTheUpdate = List.of(failed(V2, -30), failed(V2, -20), failed(V2, 2));

        assertThat(ServiceProgress.of(service, twice).failure(false)).isEmpty();
        assertThat(ServiceProgress.of(service, thrice).failure(false)).hasValueSatisfying(f -> assertThat(f)
            .startsWith("tasks of app:v2 keep failing (3 failed since " + UPDATE_START + ")")
            .endsWith("; last task error: " + CRASH));
        assertThat(ServiceProgress.of(service, mostlyBeforeTheUpdate).failure(false)).isEmpty();
        assertThat(ServiceProgress.of(service, thrice).converged()).isFalse();
    }

    @Test
    void aGlobalServiceWantsOneTaskPerNodeThatHasOne() {
        Service service = new Service().withId("svc").withSpec(spec(V1)
            .withMode(new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions())));
        List<Task> tasks = List.of(running(V1, "c1").withNodeId("n1"), running(V1, "c2").withNodeId("n2"),
            task(V1, TaskState.SHUTDOWN, TaskState.SHUTDOWN, -5, null).withNodeId("n3"));

        ServiceProgress progress = ServiceProgress.of(service, tasks);

        assertThat(progress.desiredReplicas()).isEqualTo(2);
        assertThat(progress.converged()).isTrue();
    }

    @Test
    void runningContainersOfTheCurrentSpecComeFirst() {
        ServiceProgress progress = ServiceProgress.of(replicated(V2, 2, status(ServiceUpdateState.UPDATING, "")),
            List.of(running(V1, "old"), running(V2, "new")));

        assertThat(progress.runningContainerIds()).containsExactly("new", "old");
    }

    private static Service replicated(String image, int replicas, ServiceUpdateStatus status) {
        return new Service().withId("svc").withUpdatedAt(Date.from(UPDATE_START.minusSeconds(1)))
            .withUpdateStatus(status)
            .withSpec(spec(image).withMode(new ServiceModeConfig()
                .withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas))));
    }

    private static ServiceSpec spec(String image) {
        return new ServiceSpec().withName("web").withTaskTemplate(taskSpec(image));
    }

    private static TaskSpec taskSpec(String image) {
        return new TaskSpec().withContainerSpec(new ContainerSpec().withImage(image)).withForceUpdate(0);
    }

    private static ServiceUpdateStatus status(ServiceUpdateState state, String message) {
        return new ServiceUpdateStatus().withState(state).withMessage(message).withStartedAt(Date.from(UPDATE_START));
    }

    @Test
    void runningTasksAreKnownByTheirPinnedDigestsCurrentFirstForTasksOnOtherNodes() {
        String v1 = "10.229.0.2:5000/team/app:v1@sha256:aaa";
        String v2 = "10.229.0.2:5000/team/app:v2@sha256:bbb";
        ServiceProgress progress = ServiceProgress.of(replicated(v2, 3, status(ServiceUpdateState.UPDATING, "updating")),
            List.of(running(v1, "c1"), running(v2, "c2"), running(V1, "c3"), running(v2, "c4")));

        assertThat(progress.runningDigests())
            .containsExactly("10.229.0.2:5000/team/app@sha256:bbb", "10.229.0.2:5000/team/app@sha256:aaa");
        assertThat(ServiceProgress.withoutTag("registry:5000/app@sha256:ccc")).isEqualTo("registry:5000/app@sha256:ccc");
        assertThat(ServiceProgress.withoutTag("registry:5000/app")).isNull();
    }

    private static Task running(String image, String containerId) {
        Task task = task(image, TaskState.RUNNING, TaskState.RUNNING, 1, null);
        task.getStatus().withContainerStatus(new TaskStatusContainerStatus().withContainerID(containerId));
        return task.withNodeId("n1");
    }

    private static Task failed(String image, int secondsAfterUpdateStart) {
        return task(image, TaskState.SHUTDOWN, TaskState.FAILED, secondsAfterUpdateStart, CRASH);
    }

    private static Task task(String image, TaskState desired, TaskState state, int secondsAfterUpdateStart, String err) {
        return new Task().withSpec(taskSpec(image)).withDesiredState(desired).withStatus(new TaskStatus()
            .withState(state).withErr(err).withTimestamp(UPDATE_START.plusSeconds(secondsAfterUpdateStart).toString()));
    }
}
