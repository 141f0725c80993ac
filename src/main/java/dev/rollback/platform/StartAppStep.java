package dev.rollback.platform;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/** The runbook's "start aplikasi" after the restore. */
final class StartAppStep implements Step {
    private final Compose compose;
    private final List<String> services;

    StartAppStep(Compose compose, List<String> services) {
        this.compose = compose;
        this.services = services;
    }

    @Override
    public String id() {
        return "start-app";
    }

    @Override
    public String description() {
        return "start " + String.join(", ", services) + " again";
    }

    @Override
    public void apply(StepContext context) {
        compose.start(services);
        context.detail("started", services);
    }
}
