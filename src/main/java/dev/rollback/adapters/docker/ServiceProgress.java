package dev.rollback.adapters.docker;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceUpdateState;
import com.github.dockerjava.api.model.ServiceUpdateStatus;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TaskState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One look at a Swarm service and its tasks, and what it says about convergence. No I/O, so the
 * rules are unit-tested with hand-built docker-java objects.
 *
 * <p>A task "counts" while its desired state is running, or ready: Swarm creates replacements of a
 * failed task as desired-ready and holds them for the restart delay. Tasks with another desired
 * state are history (Swarm keeps five per slot) or on their way out.
 */
final class ServiceProgress {
    /** Failed tasks of the current image since the change started: Swarm is crash-looping it. */
    static final int FAILURE_LIMIT = 3;
    private static final Set<ServiceUpdateState> SETTLED =
        EnumSet.of(ServiceUpdateState.COMPLETED, ServiceUpdateState.ROLLBACK_COMPLETED);
    private static final Set<ServiceUpdateState> PAUSED =
        EnumSet.of(ServiceUpdateState.PAUSED, ServiceUpdateState.ROLLBACK_PAUSED);
    private static final Set<ServiceUpdateState> ROLLBACK = EnumSet.of(ServiceUpdateState.ROLLBACK_STARTED,
        ServiceUpdateState.ROLLBACK_PAUSED, ServiceUpdateState.ROLLBACK_COMPLETED);
    private static final Set<TaskState> ACTIVE_DESIRED = EnumSet.of(TaskState.RUNNING, TaskState.READY);
    private static final Set<TaskState> FAILED = EnumSet.of(TaskState.FAILED, TaskState.REJECTED);

    private final Service service;
    private final List<Task> tasks;
    private final String image;
    /** Bumped by a forced update (same image): tasks with an older value are outdated too. */
    private final int forceUpdate;
    private final ServiceUpdateStatus update;

    private ServiceProgress(Service service, List<Task> tasks) {
        this.service = service;
        this.tasks = List.copyOf(tasks);
        TaskSpec template = service.getSpec() == null ? null : service.getSpec().getTaskTemplate();
        this.image = template == null ? "" : imageOf(template.getContainerSpec());
        this.forceUpdate = forceUpdateOf(template);
        this.update = service.getUpdateStatus();
    }

    static ServiceProgress of(Service service, List<Task> tasks) {
        return new ServiceProgress(service, tasks);
    }

    /** The image of the service's spec, as written. */
    String image() {
        return image;
    }

    /** Replicated: the spec's replica count. Global: one per node that has a task to run. */
    int desiredReplicas() {
        ServiceModeConfig mode = service.getSpec() == null ? null : service.getSpec().getMode();
        if (mode != null && mode.getReplicated() != null) {
            return Math.toIntExact(mode.getReplicated().getReplicas());
        }
        return (int) active().map(Task::getNodeId).filter(Objects::nonNull).distinct().count();
    }

    /** Tasks that should run and do, whatever their image. */
    int runningTasks() {
        return (int) running().count();
    }

    /** UpdateStatus.State as the Engine API spells it ("rollback_completed"), or null. */
    String updateState() {
        return update == null || update.getState() == null ? null : update.getState().name().toLowerCase(Locale.ROOT);
    }

    boolean rollingBack() {
        return update != null && ROLLBACK.contains(update.getState());
    }

    /**
     * The update settled (or there never was one: an update resets the status until Swarm's updater
     * takes it up), exactly the desired number of current tasks run, and no outdated task should.
     */
    boolean converged() {
        boolean settled = update == null || SETTLED.contains(update.getState());
        boolean outdatedActive = active().anyMatch(t -> !isCurrent(t));
        return settled && !outdatedActive && running().filter(this::isCurrent).count() == desiredReplicas();
    }

    /**
     * Why waiting longer is pointless, if it is.
     *
     * @param startedInRollback whether the wait began on a rollback; if not, a rollback seen now
     *                          is Swarm undoing the update (failure action "rollback"), whose
     *                          success must not read as the update's
     */
    Optional<String> failure(boolean startedInRollback) {
        String reason = null;
        if (update != null && PAUSED.contains(update.getState())) {
            reason = "Swarm paused the " + (rollingBack() ? "rollback" : "update") + " (" + update.getMessage() + ")";
        } else if (rollingBack() && !startedInRollback) {
            reason = "Swarm rolled the update back (" + update.getMessage() + ")";
        } else if (recentFailures() >= FAILURE_LIMIT) {
            reason = "tasks of " + image + " keep failing (" + recentFailures() + " failed since " + since() + ")";
        }
        return Optional.ofNullable(reason).map(r -> r + lastTaskError().map(e -> "; last task error: " + e).orElse(""));
    }

    /** What was seen, for the report: "1/1 tasks running app:v2, update completed". */
    String summary() {
        long current = running().filter(this::isCurrent).count();
        String state = update == null ? "no update" : "update " + updateState();
        return current + "/" + desiredReplicas() + " tasks running " + image + ", " + state;
    }

    /** The newest task error (Status.Err), e.g. "task: non-zero exit (1)" or "No such image: …". */
    Optional<String> lastTaskError() {
        return tasks.stream().filter(t -> t.getStatus() != null && t.getStatus().getErr() != null
                && !t.getStatus().getErr().isBlank())
            .max(Comparator.comparing(ServiceProgress::timestamp))
            .map(t -> t.getStatus().getErr().strip());
    }

    /** Containers of running tasks, current ones first. */
    List<String> runningContainerIds() {
        return running().sorted(Comparator.comparing(t -> !isCurrent(t)))
            .map(t -> t.getStatus().getContainerStatus())
            .filter(Objects::nonNull)
            .map(c -> c.getContainerID())
            .filter(Objects::nonNull)
            .toList();
    }

    /**
     * The registry digests ({@code repository@sha256:…}) the running tasks were pinned to, current
     * tasks first: what identifies the image of a task on another node, whose container this
     * node's engine cannot inspect. Tasks created from a reference without a digest have none.
     */
    List<String> runningDigests() {
        return running().sorted(Comparator.comparing(t -> !isCurrent(t)))
            .map(t -> t.getSpec() == null ? "" : imageOf(t.getSpec().getContainerSpec()))
            .map(ServiceProgress::withoutTag)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    }

    /** {@code repo:tag@sha256:…} → {@code repo@sha256:…}; null without a digest. */
    static String withoutTag(String reference) {
        int at = reference.indexOf('@');
        if (at < 0) {
            return null;
        }
        String name = reference.substring(0, at);
        int colon = name.lastIndexOf(':');
        return (colon > name.lastIndexOf('/') ? name.substring(0, colon) : name) + reference.substring(at);
    }

    private long recentFailures() {
        Instant since = since();
        return tasks.stream().filter(t -> t.getStatus() != null && FAILED.contains(t.getStatus().getState()))
            .filter(t -> isCurrent(t) && !timestamp(t).isBefore(since))
            .count();
    }

    /**
     * When the current change began. An update resets UpdateStatus until Swarm's updater picks it
     * up; the service's UpdatedAt is then the time of the spec change (or later: never too early).
     */
    private Instant since() {
        Date start = update != null && update.getStartedAt() != null ? update.getStartedAt()
            : service.getUpdatedAt() != null ? service.getUpdatedAt() : service.getCreatedAt();
        return start == null ? Instant.EPOCH : start.toInstant();
    }

    private Stream<Task> active() {
        return tasks.stream().filter(t -> ACTIVE_DESIRED.contains(t.getDesiredState()));
    }

    private Stream<Task> running() {
        return tasks.stream().filter(t -> t.getDesiredState() == TaskState.RUNNING && t.getStatus() != null
            && t.getStatus().getState() == TaskState.RUNNING);
    }

    /** Created from the current spec, as far as this tool changes it: image and force-update count. */
    private boolean isCurrent(Task task) {
        return task.getSpec() != null && image.equals(imageOf(task.getSpec().getContainerSpec()))
            && forceUpdate == forceUpdateOf(task.getSpec());
    }

    private static int forceUpdateOf(TaskSpec spec) {
        return spec == null || spec.getForceUpdate() == null ? 0 : spec.getForceUpdate();
    }

    private static String imageOf(ContainerSpec container) {
        return container == null || container.getImage() == null ? "" : container.getImage();
    }

    /** Task timestamps are RFC 3339 strings with nanoseconds; unreadable ones sort first. */
    private static Instant timestamp(Task task) {
        try {
            return task.getStatus() == null || task.getStatus().getTimestamp() == null ? Instant.EPOCH
                : Instant.parse(task.getStatus().getTimestamp());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
