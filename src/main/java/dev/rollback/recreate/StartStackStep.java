package dev.rollback.recreate;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/**
 * {@code compose up -d} of every service, without building or pulling (images were prepared):
 * recreate starts the target's files with it, level 4 the rebuilt stack.
 */
public final class StartStackStep implements Step {
    private final Compose compose;
    private final String project;
    private final String from;

    StartStackStep(Compose compose, String project) {
        this(compose, project, "from the target's files");
    }

    /** @param from the end of the description: what is started, e.g. "on the recreated volumes" */
    public StartStackStep(Compose compose, String project, String from) {
        this.compose = compose;
        this.project = project;
        this.from = from;
    }

    @Override
    public String id() {
        return "start-stack";
    }

    @Override
    public String description() {
        return "compose up -d of project " + project + " " + from;
    }

    @Override
    public void apply(StepContext context) {
        compose.up(List.of(), Compose.UpOptions.DEFAULT);
        context.detail("services", compose.services());
    }
}
