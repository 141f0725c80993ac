package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * Where green is a stack of its own (Swarm): the primary is updated by deploying the stack files the
 * checkout wrote ({@code docker stack deploy}: the revision's images, on the original ports), and
 * this step returns once every app service runs its new tasks, so the gate that follows cannot pass
 * on the old ones. Caddy routes to green meanwhile, so the update's own order (stop-first, as a
 * port published in mode {@code host} needs) costs no request.
 */
final class DeployPrimaryStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;

    DeployPrimaryStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
    }

    @Override
    public String id() {
        return "start-primary";
    }

    @Override
    public String description() {
        return "deploy the revision's stack files as stack " + in.stack().name() + " (its app services on the original"
            + " ports), and wait until " + String.join(", ", in.stack().appServices()) + " run the new tasks";
    }

    @Override
    public void check(StepContext context) {
        StackTool tool = tool();
        String line = tool.implementation() + " deploy --prune --resolve-image never --with-registry-auth -c "
            + in.stack().files().composeFile() + " " + in.stack().name();
        context.detail("command", line);
        run.plan(List.of(line), context);
    }

    @Override
    public void apply(StepContext context) {
        long start = System.nanoTime();
        tool().deploy();
        in.tools().sides().awaitDeployed(in.stack().name(), in.stack().appServices(), in.tools().gate().timeout());
        run.phase(id(), start, context);
    }

    private StackTool tool() {
        return in.tools().sides().stackTool(in.stack().primaryFiles());
    }
}
