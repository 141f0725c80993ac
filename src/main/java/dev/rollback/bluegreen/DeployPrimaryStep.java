package dev.rollback.bluegreen;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.release.RunningStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        requireReleaseImages();
        run.phase(id(), start, context);
    }

    /**
     * For a release whose files name a mutable tag ({@code :current}), the deploy changes no spec
     * when the tag is the same: Swarm keeps the old tasks. Failing here keeps Caddy on green (which
     * runs the release) rather than switching back to the old images.
     */
    private void requireReleaseImages() {
        if (run.rollbackTarget.release() == null) {
            return;
        }
        Map<String, RunningStack.Service> running = in.tools().sides().side(in.stack().name()).services();
        List<String> wrong = new ArrayList<>();
        run.rollbackTarget.release().services().forEach((service, image) -> {
            RunningStack.Service now = running.get(service);
            if (in.stack().appServices().contains(service) && now != null && !image.imageId().equals(now.imageId())) {
                wrong.add(service + " runs " + now.imageId() + ", the release has " + image.imageId());
            }
        });
        if (!wrong.isEmpty()) {
            throw RollbackException.failed("after the deploy " + String.join("; ", wrong) + " (the stack files name the"
                + " same tag as before, so Swarm kept its tasks); green keeps serving the release: run"
                + " rollback redeploy --to " + run.rollbackTarget.release().id() + " to move the primary");
        }
    }

    private StackTool tool() {
        return in.tools().sides().stackTool(in.stack().primaryFiles());
    }
}
