package dev.rollback.recreate;

import dev.rollback.adapters.docker.Compose;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.List;

/** {@code compose up -d} from the target's files, without building or pulling (images were prepared). */
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
        return "compose up -d of project " + project + " from the target's files";
    }

    @Override
    public void apply(StepContext context) {
        compose.up(List.of(), Compose.UpOptions.DEFAULT);
        context.detail("services", compose.services());
    }
}
