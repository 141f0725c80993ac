package dev.rollback.recreate;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The seed's {@code docker compose down} (never {@code -v}: volumes stay). The downtime clock
 * starts here. Undo brings the stack up again from the files and images put back by the steps
 * undone before it.
 */
final class StopStackStep implements Step {
    private final Compose compose;
    private final String project;
    private final RecreateRun run;
    private final Supplier<Map<String, HealthCheck>> monitored;

    StopStackStep(Compose compose, String project, RecreateRun run, Supplier<Map<String, HealthCheck>> monitored) {
        this.compose = compose;
        this.project = project;
        this.run = run;
        this.monitored = monitored;
    }

    @Override
    public String id() {
        return "stop-stack";
    }

    @Override
    public String description() {
        return "compose down of project " + project + " (containers and networks; volumes stay)";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        run.startMonitor(monitored.get());
        compose.down();
        context.detail("compose", compose.implementation());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        compose.up(java.util.List.of(), new Compose.UpOptions(true, false));
        context.detail("started", "the previous version, from the restored files");
    }
}
