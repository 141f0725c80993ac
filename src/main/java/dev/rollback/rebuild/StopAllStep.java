package dev.rollback.rebuild;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** The runbook's level 4 step 2, "Stop All Services": {@code compose down}. Volumes are kept: they hold the data. */
final class StopAllStep implements Step {
    private final Compose compose;
    private final String project;

    StopAllStep(Compose compose, String project) {
        this.compose = compose;
        this.project = project;
    }

    @Override
    public String id() {
        return "stop-all";
    }

    @Override
    public String description() {
        return "stop every service of project " + project + " (compose down: containers and networks; volumes are kept)";
    }

    @Override
    public void check(StepContext context) {
        context.detail("services", compose.services());
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        compose.down();
        context.detail("compose", compose.implementation());
    }
}
