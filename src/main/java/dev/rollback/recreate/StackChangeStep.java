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
 * The step of recreate that changes the running stack; the downtime clock starts here. Either
 * {@code update-stack} (the default where the platform can): only the services whose configuration
 * or image changed are recreated ({@link ChangedServices}), so a database whose definition is the
 * same keeps running; or {@code stop-stack} ({@code --full}, and
 * Swarm): the strategy's {@code docker compose down} ({@code docker stack rm}; never {@code -v}:
 * volumes stay), {@code start-stack} deploys after it.
 *
 * <p>Undo first puts back what the steps before it changed (the workdir files, the image tags:
 * their undo is idempotent, the executor runs it again afterwards), then brings the previous
 * version up from them (updated the same way, or deployed whole after a stop) and returns when it
 * is healthy again.
 */
final class StackChangeStep implements Step {
    /** What the step does to the stack, and how the undo brings the previous version up. */
    private record Change(String id, String description, Action apply, Action restart) {
    }

    /** Something done to the stack, with the report's context to say what. */
    private interface Action {
        void run(StepContext context);
    }

    /** What the undo needs besides the stack tool. */
    record Undo(List<Step> putBackFirst, HealthyAgain healthyAgain) {
        /** @param putBackFirst steps applied before this one whose undo must run before the previous version starts */
        Undo {
            putBackFirst = List.copyOf(putBackFirst);
        }
    }

    private final Change change;
    private final StackTool stack;
    private final RecreateRun run;
    private final Supplier<Map<String, HealthCheck>> monitored;
    private final Undo undo;

    private StackChangeStep(Change change, StackTool stack, RecreateRun run,
                            Supplier<Map<String, HealthCheck>> monitored, Undo undo) {
        this.change = change;
        this.stack = stack;
        this.run = run;
        this.monitored = monitored;
        this.undo = undo;
    }

    /** {@code update-stack}: only the services that changed are recreated. */
    static StackChangeStep update(ChangedServices changed, StackTool stack, String project, RecreateRun run,
                                  Supplier<Map<String, HealthCheck>> monitored, Undo undo) {
        return new StackChangeStep(new Change("update-stack", "update stack " + project
            + " to the target's files (compose up -d --no-deps of only the services whose configuration or image "
            + "changed; the others keep running; volumes stay)", changed::update, changed::update),
            stack, run, monitored, undo);
    }

    /** {@code stop-stack}: the whole stack goes down. */
    static StackChangeStep stop(StackTool stack, String project, RecreateRun run,
                                Supplier<Map<String, HealthCheck>> monitored, Undo undo) {
        return new StackChangeStep(new Change("stop-stack", "take stack " + project
            + " down (compose down or docker stack rm: containers and networks; volumes stay)",
            context -> stack.down(), context -> stack.deploy()), stack, run, monitored, undo);
    }

    @Override
    public String id() {
        return change.id();
    }

    @Override
    public String description() {
        return change.description();
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        run.startMonitor(monitored.get());
        change.apply().run(context);
        context.detail("compose", stack.implementation());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws Exception {
        for (int i = undo.putBackFirst().size() - 1; i >= 0; i--) {
            undo.putBackFirst().get(i).undo(context);
        }
        change.restart().run(context);
        context.detail("started", "the previous version, from the restored files");
        undo.healthyAgain().await(stack.services(), context);
    }
}
