package dev.rollback.recreate;

import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Deploys every service from the files ({@code compose up -d}, or {@code docker stack deploy}),
 * without building or pulling (images were prepared):
 * recreate starts the target's files with it, level 4 the rebuilt stack.
 */
public final class StartStackStep implements Step {
    private final StackTool stack;
    private final String project;
    private final String from;

    StartStackStep(StackTool stack, String project) {
        this(stack, project, "from the target's files");
    }

    /** @param from the end of the description: what is started, e.g. "on the recreated volumes" */
    public StartStackStep(StackTool stack, String project, String from) {
        this.stack = stack;
        this.project = project;
        this.from = from;
    }

    @Override
    public String id() {
        return "start-stack";
    }

    @Override
    public String description() {
        return "deploy stack " + project + " " + from + " (compose up -d or docker stack deploy)";
    }

    @Override
    public void apply(StepContext context) {
        stack.deploy();
        context.detail("services", stack.services());
    }
}
