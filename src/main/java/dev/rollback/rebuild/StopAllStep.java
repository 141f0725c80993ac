package dev.rollback.rebuild;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * The runbook's level 4 step 2, "Stop All Services": the stack taken down with the platform's tool
 * ({@code compose down}, {@code docker stack rm}). Volumes are kept: they hold the data.
 */
final class StopAllStep implements Step {
    private final StackTool files;
    private final String project;

    StopAllStep(StackTool files, String project) {
        this.files = files;
        this.project = project;
    }

    @Override
    public String id() {
        return "stop-all";
    }

    @Override
    public String description() {
        return "stop every service of stack " + project + " (compose down or docker stack rm: containers and networks;"
            + " volumes are kept)";
    }

    @Override
    public void check(StepContext context) {
        context.detail("services", files.services());
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        files.down();
        context.detail("tool", files.implementation());
    }
}
