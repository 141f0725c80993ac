package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** The drill's last database step: the checked scratch copy goes; nothing of the drill stays on the server. */
final class DropScratchStep implements Step {
    private final Postgres postgres;
    private final RestoreState state;

    DropScratchStep(Postgres postgres, RestoreState state) {
        this.postgres = postgres;
        this.state = state;
    }

    @Override
    public String id() {
        return "drop-scratch";
    }

    @Override
    public String description() {
        return "drop the scratch database " + state.scratch;
    }

    @Override
    public void apply(StepContext context) {
        postgres.dropDatabase(state.scratch);
        context.detail("dropped", state.scratch);
    }
}
