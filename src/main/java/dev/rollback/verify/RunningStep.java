package dev.rollback.verify;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;
import java.util.stream.Collectors;

/** Post-rollback verification, check 1: every container of the service is running ({@code docker compose ps}). */
final class RunningStep implements Step {
    private final ServiceContainers containers;

    RunningStep(ServiceContainers containers) {
        this.containers = containers;
    }

    @Override
    public String id() {
        return "running:" + containers.service();
    }

    @Override
    public String description() {
        return "containers of " + containers.service() + " are running";
    }

    @Override
    public boolean haltsOnFailure() {
        return false;
    }

    @Override
    public void check(StepContext context) {
        containers.requireDocker();
    }

    @Override
    public void apply(StepContext context) {
        List<ContainerInfo> all = containers.require();
        context.detail("containers", all.stream().map(ServiceContainers::describe).collect(Collectors.toList()));
        List<String> stopped = all.stream().filter(c -> !c.running()).map(ServiceContainers::describe)
            .collect(Collectors.toList());
        if (!stopped.isEmpty()) {
            throw RollbackException.failed("not running: " + String.join(", ", stopped));
        }
    }
}
