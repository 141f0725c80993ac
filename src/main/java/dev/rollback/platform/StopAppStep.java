package dev.rollback.platform;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/** The runbook's "Stop Application": nothing writes to the database during the switch. Undo starts them again. */
final class StopAppStep implements Step {
    private final Compose compose;
    private final List<String> services;

    StopAppStep(Compose compose, List<String> services) {
        this.compose = compose;
        this.services = services;
    }

    @Override
    public String id() {
        return "stop-app";
    }

    @Override
    public String description() {
        return "stop " + String.join(", ", services) + " so nothing writes during the restore";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        compose.stop(services);
        context.detail("stopped", services);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) {
        compose.start(services);
        context.detail("started", services);
    }
}
