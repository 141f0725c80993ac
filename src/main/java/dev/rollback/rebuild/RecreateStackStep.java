package dev.rollback.rebuild;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Provisions the stack again on this host without starting it, so volumes can be refilled first:
 * compose creates the missing networks and volumes and the containers ({@code up --no-start}); on
 * Swarm, which cannot create a service without starting it, the missing declared volumes are
 * created with the stack's label and the services come at the deploy.
 */
final class RecreateStackStep implements Step {
    private final StackTool files;
    private final String project;

    RecreateStackStep(StackTool files, String project) {
        this.files = files;
        this.project = project;
    }

    @Override
    public String id() {
        return "recreate-stack";
    }

    @Override
    public String description() {
        return "provision stack " + project + " again without starting it (the missing volumes and networks;"
            + " compose up --no-start also creates the containers)";
    }

    @Override
    public void apply(StepContext context) {
        files.create();
        context.detail("volumes", files.volumes());
    }
}
