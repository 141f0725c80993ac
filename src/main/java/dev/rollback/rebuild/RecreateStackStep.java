package dev.rollback.rebuild;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Provisions the stack again on this host: the networks and volumes that are missing (removed, or
 * a new machine) and the containers, none started yet, so volumes can be refilled first.
 */
final class RecreateStackStep implements Step {
    private final Compose compose;
    private final String project;

    RecreateStackStep(Compose compose, String project) {
        this.compose = compose;
        this.project = project;
    }

    @Override
    public String id() {
        return "recreate-stack";
    }

    @Override
    public String description() {
        return "recreate the networks, volumes and containers of project " + project
            + " without starting them (compose up --no-start)";
    }

    @Override
    public void apply(StepContext context) {
        compose.create();
    }
}
