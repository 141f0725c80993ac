package dev.rollback.bluegreen;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Blue serves: every app service and every stateful service of the primary project has a running
 * container. Unless a green an interrupted run left serves instead: then blue's app services may be
 * stopped; the run continues from that run's switch ({@link TakeOverGreenStep}) and start-primary
 * starts them on the revision. The stateful services must run either way.
 */
final class BlueRunningStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;

    BlueRunningStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
    }

    @Override
    public String id() {
        return "blue-running";
    }

    @Override
    public String description() {
        return "project " + in.stack().name() + " runs " + String.join(", ", services()) + ", or a "
            + in.stack().greenProject() + " left by an interrupted run serves";
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
        List<String> missing = in.tools().sides().notRunning(in.stack().name(), services());
        boolean greenServes = run.leftGreen(in, context.memory()).map(LeftGreen::routed).orElse(false);
        List<String> stateful = missing.stream().filter(in.stack().statefulServices()::contains).toList();
        if (!missing.isEmpty() && (!greenServes || !stateful.isEmpty())) {
            throw RollbackException.refused("project " + in.stack().name() + " does not run " + String.join(", ", missing)
                + "; blue-green starts from a running stack (use recreate for a stopped one)");
        }
        if (!missing.isEmpty()) {
            context.detail("startedByTakeOver", missing);
        }
        context.detail("members", in.tools().sides().members(in.stack().name()));
    }

    @Override
    public void apply(StepContext context) {
        // checked: nothing to change
    }
}
