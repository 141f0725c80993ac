package dev.rollback.recreate;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.gate.HealthyAgain;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The recreate strategy's {@code docker compose down} ({@code docker stack rm} on Swarm; never
 * {@code -v}: volumes stay). The downtime clock
 * starts here. Undo first puts back what the steps before it changed (the workdir files, the
 * image tags: their undo is idempotent, the executor runs it again afterwards), then starts the
 * previous version from them and returns when it is healthy again.
 */
final class StopStackStep implements Step {
    private final StackTool stack;
    private final String project;
    private final RecreateRun run;
    private final Supplier<Map<String, HealthCheck>> monitored;
    private final List<Step> putBackFirst;
    private final HealthyAgain healthyAgain;

    /** @param putBackFirst steps applied before this one whose undo must run before the previous version starts */
    StopStackStep(StackTool stack, String project, RecreateRun run, Supplier<Map<String, HealthCheck>> monitored,
                  List<Step> putBackFirst, HealthyAgain healthyAgain) {
        this.stack = stack;
        this.project = project;
        this.run = run;
        this.monitored = monitored;
        this.putBackFirst = List.copyOf(putBackFirst);
        this.healthyAgain = healthyAgain;
    }

    @Override
    public String id() {
        return "stop-stack";
    }

    @Override
    public String description() {
        return "take stack " + project + " down (compose down or docker stack rm: containers and networks; volumes stay)";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        run.startMonitor(monitored.get());
        stack.down();
        context.detail("compose", stack.implementation());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws Exception {
        for (int i = putBackFirst.size() - 1; i >= 0; i--) {
            putBackFirst.get(i).undo(context);
        }
        stack.deploy();
        context.detail("started", "the previous version, from the restored files");
        healthyAgain.await(stack.services(), context);
    }
}
