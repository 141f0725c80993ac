package dev.rollback.restore;

import dev.rollback.adapters.postgres.Postgres;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/** {@code --drop-old}: after a verified restore, drop the kept copy of the replaced database. */
final class DropOldStep implements Step {
    private final Postgres postgres;
    private final RestoreState state;

    DropOldStep(Postgres postgres, RestoreState state) {
        this.postgres = postgres;
        this.state = state;
    }

    @Override
    public String id() {
        return "drop-old";
    }

    @Override
    public String description() {
        return "drop the replaced database " + state.keptOld + " (the pre-restore backup stays)";
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) {
        postgres.dropDatabase(state.keptOld);
        context.detail("dropped", state.keptOld).result("keptOldDatabase", null);
    }
}
