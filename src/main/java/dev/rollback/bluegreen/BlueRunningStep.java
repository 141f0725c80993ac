package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Blue serves: every app service and every stateful service of the primary project has a running
 * container. And no green is left from an earlier run (it may even be what the proxy serves).
 */
final class BlueRunningStep implements Step {
    private final BlueGreenInputs in;

    BlueRunningStep(BlueGreenInputs in) {
        this.in = in;
    }

    @Override
    public String id() {
        return "blue-running";
    }

    @Override
    public String description() {
        return "project " + in.stack().name() + " runs " + String.join(", ", services()) + "; no "
            + in.stack().greenProject() + " exists";
    }

    private List<String> services() {
        List<String> services = new ArrayList<>(in.stack().appServices());
        services.addAll(in.stack().statefulServices());
        return services;
    }

    @Override
    public void check(StepContext context) {
        if (in.stack().appServices().isEmpty()) {
            throw RollbackException.usage("blue-green needs stack.app-services: the services it runs twice");
        }
        List<ContainerInfo> blue = in.tools().docker().projectContainers(in.stack().name());
        List<String> missing = services().stream()
            .filter(service -> blue.stream().noneMatch(c -> service.equals(c.service()) && c.running())).toList();
        if (!missing.isEmpty()) {
            throw RollbackException.refused("project " + in.stack().name() + " does not run " + String.join(", ", missing)
                + "; blue-green starts from a running stack (use recreate for a stopped one)");
        }
        if (!in.tools().docker().projectContainers(in.stack().greenProject()).isEmpty()) {
            throw RollbackException.refused(in.stack().greenProject() + " exists, left by an earlier run; if Caddy does"
                + " not route to it, remove it (compose -p " + in.stack().greenProject() + " down) and run again");
        }
        context.detail("running", blue.stream().filter(ContainerInfo::running).map(ContainerInfo::name).toList());
    }

    @Override
    public void apply(StepContext context) {
        // checked: nothing to change
    }
}
