package dev.rollback.rebuild;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** Starts every service of the project, the ones level 1's switch did not recreate included ({@code compose up -d}). */
final class StartStackStep implements Step {
    private final Compose compose;
    private final String project;

    StartStackStep(Compose compose, String project) {
        this.compose = compose;
        this.project = project;
    }

    @Override
    public String id() {
        return "start-stack";
    }

    @Override
    public String description() {
        return "start every service of project " + project + " (compose up -d)";
    }

    @Override
    public void apply(StepContext context) {
        compose.up(java.util.List.of(), Compose.UpOptions.DEFAULT);
    }
}
